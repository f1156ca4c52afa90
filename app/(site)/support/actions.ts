"use server";

import { createHash } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ASK_COOKIES, REMIND_LATER_OPTIONS, type RemindLaterPeriod } from "@/lib/donations/ask";
import { checkCheckoutAttempt, isSessionKey, newSessionKey, RATE_LIMIT_MESSAGE, SESSION_COOKIE } from "@/lib/donations/checkout-limits";
import type { GiftFormState } from "@/lib/donations/form-state";
import { parseGiftForm, safeSourcePath } from "@/lib/donations/gift";
import { createCheckoutSession, createPortalSessionForCheckout, StripeUnavailableError } from "@/lib/stripe/checkout";

const formValues = (form: FormData): Record<string, string> =>
  Object.fromEntries(
    ["frequency", "currency", "amount", "other_amount", "cover_fees"].flatMap((k) => {
      const v = form.get(k);
      return typeof v === "string" ? [[k, v.slice(0, 40)]] : [];
    }),
  );

/**
 * A form sent twice (double click, a retried POST) must make one Checkout Session. With JavaScript
 * the form carries a random key; without it, the same fields from the same address within a couple
 * of minutes are taken as the same submission.
 */
async function idempotencyKey(form: FormData): Promise<string> {
  const given = form.get("idempotency_key");
  if (typeof given === "string" && /^[A-Za-z0-9-]{16,64}$/.test(given)) return `gift-${given}`;
  const h = await headers();
  const client = h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip") ?? "local";
  const window = Math.floor(Date.now() / 120_000);
  const fields = JSON.stringify([...form.entries()].filter(([k]) => !k.startsWith("$ACTION")).map(([k, v]) => [k, String(v)]));
  return `gift-nojs-${createHash("sha256").update(`${client}|${window}|${fields}`).digest("hex").slice(0, 40)}`;
}

/** Validates the gift and sends the reader to Stripe Checkout; on bad input, the form again with why. */
export async function startCheckout(_previous: GiftFormState, form: FormData): Promise<GiftFormState> {
  const parsed = parseGiftForm(form);
  if (!parsed.ok) {
    return { message: "Please check the highlighted fields.", fieldErrors: parsed.errors, values: formValues(form) };
  }
  // Card testers try many cards fast: cap sessions per address and per browser session.
  const jar = await cookies();
  let sessionKey = jar.get(SESSION_COOKIE)?.value;
  if (!isSessionKey(sessionKey)) {
    sessionKey = newSessionKey();
    jar.set(SESSION_COOKIE, sessionKey, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 86_400 });
  }
  // If the ledger's database is down, giving still works (Stripe and its retried webhooks do not need
  // it now); the limit is skipped rather than the gift refused.
  const decision = await checkCheckoutAttempt(await headers(), sessionKey).catch((error: unknown) => {
    console.error("checkout: rate limit unavailable", error instanceof Error ? error.message : error);
    return { allowed: true as const };
  });
  if (!decision.allowed) return { message: RATE_LIMIT_MESSAGE, fieldErrors: {}, values: formValues(form) };

  let url: string;
  try {
    url = await createCheckoutSession(parsed.gift, { idempotencyKey: await idempotencyKey(form) });
  } catch (error) {
    console.error(error instanceof StripeUnavailableError ? `checkout: Stripe unavailable: ${error.message}` : error);
    return {
      message: "We could not reach our payment provider just now. Nothing was charged. Please try again in a moment.",
      fieldErrors: {},
      values: formValues(form),
    };
  }
  redirect(url);
}

/** "Remind me later" without JavaScript: remembers the reader's choice and sends them back. */
export async function remindMeLater(form: FormData): Promise<void> {
  const period = form.get("period");
  const days = REMIND_LATER_OPTIONS[(period === "month" ? "month" : "week") satisfies RemindLaterPeriod];
  const until = Date.now() + days * 86_400_000;
  (await cookies()).set(ASK_COOKIES.snoozeUntil, String(until), { path: "/", maxAge: days * 86_400, sameSite: "lax" });
  redirect(safeSourcePath(form.get("return_to")) ?? "/");
}

/** "Manage your gift": a Stripe customer-portal session for the customer of this checkout. */
export async function manageGift(form: FormData): Promise<void> {
  const sessionId = form.get("session_id");
  if (typeof sessionId !== "string" || !/^cs_[A-Za-z0-9_]{1,200}$/.test(sessionId)) redirect("/support");
  let url: string | null = null;
  try {
    url = await createPortalSessionForCheckout(sessionId);
  } catch (error) {
    if (!(error instanceof StripeUnavailableError)) console.error("portal failed", error);
  }
  redirect(url ?? `/support/thank-you?session_id=${encodeURIComponent(sessionId)}&portal=unavailable`);
}
