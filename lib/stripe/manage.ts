import { AppError } from "@/lib/errors";
import { asProviderError } from "./checkout";
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
  const subscription = await theirSubscription(customerId, subscriptionId);
  if (subscription.status === "canceled") throw new AppError("bad_request", `subscription ${subscriptionId} has ended`);
  try {
    await getStripe().subscriptions.update(subscriptionId, { cancel_at_period_end: cancel });
  } catch (error) {
    throw asProviderError(error);
  }
}

/** Stripe's hosted billing page, for the card: card numbers never touch this site. */
export async function createPortalSessionForCustomer(customerId: string, returnUrl: string): Promise<string> {
  try {
    return (await getStripe().billingPortal.sessions.create({ customer: customerId, return_url: returnUrl })).url;
  } catch (error) {
    throw asProviderError(error);
  }
}
