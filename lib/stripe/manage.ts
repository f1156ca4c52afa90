import { PRODUCTS, type Frequency } from "@/lib/donations/config";
import { AppError } from "@/lib/errors";
import { addMonthsUtc } from "@/lib/site/days";
import { asProviderError, ensureProduct } from "./checkout";
import { getStripe, idOf, isStripeError } from "./client";

/**
 * What a supporter may do to a recurring gift from their manage link. Each call goes to Stripe, and
 * the ledger learns of it from the webhook that follows, as with every other change. The
 * subscription is checked against Stripe to belong to the link's customer first.
 */
async function theirSubscription(customerId: string, subscriptionId: string) {
  try {
    const subscription = await getStripe().subscriptions.retrieve(subscriptionId);
    if (idOf(subscription.customer) !== customerId) throw new AppError("not_found", `subscription ${subscriptionId} is not ${customerId}'s`);
    return subscription;
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isStripeError(error, "StripeInvalidRequestError", "resource_missing")) throw new AppError("not_found", `no subscription ${subscriptionId}`, { cause: error });
    throw asProviderError(error);
  }
}

/** Cancels at the end of the period already paid for (`cancel: false` keeps the gift going again). */
export async function setCancellation(customerId: string, subscriptionId: string, cancel: boolean): Promise<void> {
  await updateTheirs(customerId, subscriptionId, () => ({ cancel_at_period_end: cancel }));
}

async function updateTheirs(customerId: string, subscriptionId: string, update: (subscription: Awaited<ReturnType<typeof theirSubscription>>) => Parameters<ReturnType<typeof getStripe>["subscriptions"]["update"]>[1]): Promise<void> {
  const subscription = await theirSubscription(customerId, subscriptionId);
  if (subscription.status === "canceled") throw new AppError("bad_request", `subscription ${subscriptionId} has ended`);
  try {
    await getStripe().subscriptions.update(subscriptionId, update(subscription));
  } catch (error) {
    throw asProviderError(error);
  }
}

export const PAUSE_MONTHS = [1, 2, 3] as const;
export type PauseMonths = (typeof PAUSE_MONTHS)[number];

/**
 * Pauses collection for whole months (Stripe `pause_collection`, behavior "void": the periods' invoices
 * are voided, nothing is charged) and resumes by itself afterwards; `months: null` resumes now.
 */
export async function setPause(customerId: string, subscriptionId: string, months: PauseMonths | null, now = new Date()): Promise<void> {
  await updateTheirs(customerId, subscriptionId, () => ({
    pause_collection: months === null ? "" : { behavior: "void", resumes_at: Math.floor(addMonthsUtc(now, months).getTime() / 1000) },
  }));
}

/**
 * A new amount (minor units, in the gift's currency) and, if it changes, a new frequency. Without
 * proration: a new amount applies from the next payment; a new frequency starts its first period,
 * and its payment, today (Stripe restarts the billing cycle when the interval changes).
 */
export async function changeRecurringGift(customerId: string, subscriptionId: string, change: { frequency: Exclude<Frequency, "once">; amount: number }): Promise<void> {
  const product = await ensureProduct(change.frequency).catch((error: unknown) => {
    throw asProviderError(error);
  });
  await updateTheirs(customerId, subscriptionId, (subscription) => {
    const item = subscription.items.data[0];
    if (!item) throw new AppError("bad_request", `subscription ${subscriptionId} has no item`);
    return {
      items: [{ id: item.id, price_data: { currency: item.price.currency, product, unit_amount: change.amount, recurring: { interval: change.frequency === "monthly" ? "month" : "year" } } }],
      proration_behavior: "none",
      // The amount is what the supporter chose now: any earlier fee cover is folded into it.
      metadata: { frequency: change.frequency, cover_fees: "false", fee_amount: "0", amount: String(change.amount), total: String(change.amount) },
      description: `${PRODUCTS[change.frequency].name}, changed by the supporter`,
    };
  });
}

/** Stripe's hosted billing page, for the card: card numbers never touch this site. */
export async function createPortalSessionForCustomer(customerId: string, returnUrl: string): Promise<string> {
  try {
    return (await getStripe().billingPortal.sessions.create({ customer: customerId, return_url: returnUrl })).url;
  } catch (error) {
    throw asProviderError(error);
  }
}
