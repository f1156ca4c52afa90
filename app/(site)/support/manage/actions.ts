"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getManagedSupporter, revokeManageLinks } from "@/db/supporters";
import { errorCode } from "@/lib/errors";
import { logEvent } from "@/lib/log";
import { queueManageLinks } from "@/lib/mail/queue-email";
import { managePath } from "@/lib/site/paths";
import { readerOrigin } from "@/lib/site/origin";
import { checkTypedAmount } from "@/lib/donations/amount-rules";
import { isCurrency } from "@/lib/money";
import { changeRecurringGift, createPortalSessionForCustomer, PAUSE_MONTHS, setCancellation, setPause, type PauseMonths } from "@/lib/stripe/manage";
import { readManageToken } from "@/lib/supporters/manage-link";

const requestForm = z.object({ email: z.string().trim().max(254) });

/** "Send me a link". The same answer whether or not the address has given: nothing is revealed. */
export async function requestManageLink(_previous: null, form: FormData): Promise<null> {
  const parsed = requestForm.safeParse({ email: form.get("email") ?? "" });
  if (!parsed.success || !z.email().safeParse(parsed.data.email).success) redirect(`${managePath}?problem=email`);
  try {
    await queueManageLinks(parsed.data.email);
  } catch (error) {
    logEvent("error", "manage.link_request_failed", { error });
    redirect(`${managePath}?problem=unavailable`);
  }
  redirect(`${managePath}?sent=1`);
}

const changeForm = z.object({
  token: z.string().max(200),
  intent: z.enum(["cancel", "keep", "card", "end-links", "pause", "resume", "change"]),
  subscription: z.string().regex(/^sub_[A-Za-z0-9]{1,64}$/).optional(),
  months: z.coerce.number().refine((m) => (PAUSE_MONTHS as readonly number[]).includes(m)).optional(),
  frequency: z.enum(["monthly", "annual"]).optional(),
  amount: z.string().max(20).optional(),
});

const SUBSCRIPTION_INTENTS = new Set(["cancel", "keep", "pause", "resume", "change"]);

/** Every change to a gift from its manage link: the link is checked against the ledger (revoked links fail) on every POST. */
export async function changeGift(_previous: null, form: FormData): Promise<null> {
  const field = (k: string) => (typeof form.get(k) === "string" && form.get(k) !== "" ? String(form.get(k)) : undefined);
  const parsed = changeForm.safeParse({ token: form.get("token") ?? "", intent: form.get("intent") ?? "", subscription: field("subscription"), months: field("months"), frequency: field("frequency"), amount: field("amount") });
  if (!parsed.success) redirect(`${managePath}?problem=form`);
  const { token, intent, subscription, months, frequency } = parsed.data;
  const reading = readManageToken(token);
  if (!reading.ok) redirect(`${managePath}?problem=link`);
  let supporter: Awaited<ReturnType<typeof getManagedSupporter>>;
  try {
    supporter = await getManagedSupporter(reading.claim.customerId, reading.claim.version);
  } catch (error) {
    logEvent("error", "manage.lookup_failed", { error });
    redirect(`${managePath}?token=${encodeURIComponent(token)}&problem=unavailable`);
  }
  if (!supporter) redirect(`${managePath}?problem=link`);
  const back = (query: string) => `${managePath}?token=${encodeURIComponent(token)}&${query}`;

  const gift = SUBSCRIPTION_INTENTS.has(intent) ? supporter.subscriptions.find((s) => s.stripeSubscriptionId === subscription) : undefined;
  if (SUBSCRIPTION_INTENTS.has(intent) && !gift) redirect(back("problem=form"));
  if (intent === "pause" && months === undefined) redirect(back("problem=form"));
  let newAmount = 0;
  if (intent === "change") {
    if (!frequency || !gift || !isCurrency(gift.currency)) redirect(back("problem=form"));
    const checked = checkTypedAmount(parsed.data.amount ?? "", frequency, gift.currency);
    if (!checked.ok) redirect(back(`problem=amount&change=${encodeURIComponent(gift.stripeSubscriptionId)}&frequency=${frequency}#change-${gift.stripeSubscriptionId}`));
    newAmount = checked.minor;
  }

  let to: string;
  try {
    if (intent === "end-links") {
      await revokeManageLinks(supporter.stripeCustomerId);
      to = `${managePath}?ended=1`;
    } else if (intent === "card") {
      to = await createPortalSessionForCustomer(supporter.stripeCustomerId, `${readerOrigin(await headers())}${back("done=card")}`);
    } else if (intent === "pause" || intent === "resume") {
      await setPause(supporter.stripeCustomerId, subscription!, intent === "pause" ? (months as PauseMonths) : null);
      to = back(`done=${intent}`);
    } else if (intent === "change") {
      await changeRecurringGift(supporter.stripeCustomerId, subscription!, { frequency: frequency!, amount: newAmount });
      to = back(`done=${frequency === gift!.frequency ? "amount" : "frequency"}`);
    } else {
      await setCancellation(supporter.stripeCustomerId, subscription!, intent === "cancel");
      to = back(`done=${intent}`);
    }
  } catch (error) {
    logEvent("error", "manage.change_failed", { error, intent });
    to = back(`problem=${errorCode(error) === "provider_unavailable" ? "stripe" : "unavailable"}`);
  }
  redirect(to);
}
