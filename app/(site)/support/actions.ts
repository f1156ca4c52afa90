"use server";

import { createHash } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ASK_COOKIES, getAskSettings, REMIND_LATER_OPTIONS, type RemindLaterPeriod } from "@/lib/donations/ask";
import { ASK_NOTICES, askCookie } from "@/lib/donations/ask-variant";
import { checkCheckoutAttempt, clientKey, isSessionKey, newSessionKey, RATE_LIMIT_MESSAGE, SESSION_COOKIE } from "@/lib/donations/checkout-limits";
import { initialGiftFormState, initialRemindLaterState, shownFor, type GiftFormState, type RemindLaterState } from "@/lib/donations/form-state";
import { PLACEMENTS } from "@/lib/donations/config";
import { pledgeEmailReminder, reminderAddress } from "@/lib/supporters/reminders";
import { parseGiftForm, safeSourcePath } from "@/lib/donations/gift";
import { readerOrigin } from "@/lib/site/origin";
import { managePath } from "@/lib/site/paths";
import { isCheckoutSessionId } from "@/lib/stripe/ids";
import { publicMessage } from "@/lib/errors";
import { logEvent } from "@/lib/log";
import { createCheckoutSession, createPortalSessionForCheckout } from "@/lib/stripe/checkout";

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
  // The same client rule as the checkout limits (the last X-Forwarded-For hop, as our one proxy saw it).
  const client = clientKey(await headers());
  const window = Math.floor(Date.now() / 120_000);
  const fields = JSON.stringify([...form.entries()].filter(([k]) => !k.startsWith("$ACTION")).map(([k, v]) => [k, String(v)]));
  return `gift-nojs-${createHash("sha256").update(`${client}|${window}|${fields}`).digest("hex").slice(0, 40)}`;
}

const GIFT_FIELDS = ["frequency", "currency", "amount", "other_amount", "cover_fees", "placement", "source_path", "campaign", "reminder"] as const;

/**
 * Validates the gift and sends the reader to Stripe Checkout; on bad input, the form again with why.
 * Without JavaScript the form cannot redraw its amounts as the reader changes frequency or currency,
 * so the server answers a changed choice with the form for it, and any gift with a review of exactly
 * what will be charged; only the review's Continue goes to Stripe.
 */
export async function startCheckout(_previous: GiftFormState, form: FormData): Promise<GiftFormState> {
  const values = formValues(form);
  const frequency = String(form.get("frequency") ?? "");
  const currency = String(form.get("currency") ?? "");
  const shown = form.get("shown");
  const step = form.get("step");
  // A preset's label was drawn for `shown`; a typed amount means what it says (the review shows its currency).
  const staleLabel = typeof shown === "string" && shown !== shownFor(frequency, currency) && form.get("amount") !== "other";
  if (step === "edit" || step === "update" || staleLabel) {
    const message = staleLabel ? "The amounts now match your choice. Check them, then continue." : null;
    return { ...initialGiftFormState, message, values };
  }
  const parsed = parseGiftForm(form);
  if (!parsed.ok) {
    return { ...initialGiftFormState, message: "Please check the highlighted fields.", fieldErrors: parsed.errors, values };
  }
  if (form.get("js") !== "1" && form.get("confirmed") !== "1") {
    const { frequency, currency, amount, feeAmount, total } = parsed.gift;
    const fields = Object.fromEntries(GIFT_FIELDS.flatMap((k) => (typeof form.get(k) === "string" && form.get(k) !== "" ? [[k, String(form.get(k))]] : [])));
    return { ...initialGiftFormState, values, review: { frequency, currency, amount, feeAmount, total, fields } };
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
    logEvent("warn", "checkout.rate_limit_unavailable", { error });
    return { allowed: true as const };
  });
  if (!decision.allowed) return { ...initialGiftFormState, message: RATE_LIMIT_MESSAGE, values };

  let url: string;
  try {
    url = await createCheckoutSession(parsed.gift, { idempotencyKey: await idempotencyKey(form), siteUrl: readerOrigin(await headers()) });
  } catch (error) {
    logEvent("error", "checkout.session_failed", { error, frequency: parsed.gift.frequency, currency: parsed.gift.currency });
    return { ...initialGiftFormState, message: publicMessage(error), values };
  }
  redirect(url);
}

/** Sets one of the ask's cookies for `days`; it expires when the state ends, which is what the proxy reads. */
async function setAskCookie(name: string, days: number): Promise<void> {
  const { value, options } = askCookie(days);
  (await cookies()).set(name, value, options);
}

/**
 * "Remind me later": remembers the choice in the snooze cookie and, when the reader left an address,
 * pledges one reminder e-mail for then. Without JavaScript it sends the reader back to the same page,
 * now served without the ask, opened at a confirmation (a `:target` note, so the page stays static);
 * with it, it answers the form. A bad address, or a reminder that cannot be saved, changes nothing.
 */
export async function remindMeLater(_previous: RemindLaterState, form: FormData): Promise<RemindLaterState> {
  const period: RemindLaterPeriod = form.get("period") === "month" ? "month" : "week";
  const rawEmail = String(form.get("email") ?? "").slice(0, 300).trim();
  const returnTo = safeSourcePath(form.get("return_to"));
  if (rawEmail !== "") {
    const email = reminderAddress.safeParse(rawEmail);
    if (!email.success) return { ...initialRemindLaterState, email: rawEmail, emailError: email.error.issues[0]?.message ?? "Check the address." };
    const requested = form.get("placement");
    const placement = PLACEMENTS.find((p) => p === requested) ?? null;
    try {
      await pledgeEmailReminder({ email: email.data, period, placement, sourcePath: returnTo });
    } catch (error) {
      logEvent("error", "reminders.pledge_failed", { error });
      return { ...initialRemindLaterState, email: rawEmail, message: "We could not save your reminder just now. Nothing was changed; please try again in a moment." };
    }
  }
  await setAskCookie(ASK_COOKIES.snoozeUntil, REMIND_LATER_OPTIONS[period]);
  if (form.get("js") === "1") return { ...initialRemindLaterState, done: { period, emailed: rawEmail !== "" } };
  const notice = rawEmail !== ""
    ? (period === "month" ? ASK_NOTICES.reminderMonth : ASK_NOTICES.reminderWeek)
    : (period === "month" ? ASK_NOTICES.snoozedMonth : ASK_NOTICES.snoozedWeek);
  redirect(`${returnTo ?? "/"}#${notice}`);
}

/** The banner's × without JavaScript: the same page again, without the banner, opened at a confirmation. */
export async function closeAskBanner(_previous: null, form: FormData): Promise<null> {
  await setAskCookie(ASK_COOKIES.bannerClosedUntil, getAskSettings().bannerCloseDays);
  redirect(`${safeSourcePath(form.get("return_to")) ?? "/"}#${ASK_NOTICES.bannerClosed}`);
}

/** "Manage your gift": a Stripe customer-portal session for the customer of this checkout. */
export async function manageGift(_previous: null, form: FormData): Promise<null> {
  const sessionId = form.get("session_id");
  if (!isCheckoutSessionId(sessionId)) redirect("/support");
  let url: string | null = null;
  try {
    url = await createPortalSessionForCheckout(sessionId, readerOrigin(await headers()));
  } catch (error) {
    logEvent("error", "portal.session_failed", { error });
  }
  if (url === "expired") redirect(`${managePath}?problem=thank-you`);
  redirect(url ?? `/support/thank-you?session_id=${encodeURIComponent(sessionId)}&portal=unavailable`);
}
