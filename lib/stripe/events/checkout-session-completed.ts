import type Stripe from "stripe";
import { attachRememberedCharge, ensureSubscription, recordGift, upsertSupporter, type Ledger } from "@/db/donations";
import { queueReceipt } from "@/lib/mail/queue-email";
import { idOf } from "../client";
import { fromUnix, readGiftMetadata } from "./gift-metadata";

type SessionEvent = Stripe.CheckoutSessionCompletedEvent | Stripe.CheckoutSessionAsyncPaymentSucceededEvent;

/**
 * A finished checkout. A one-time gift is recorded here once it is paid (delayed methods arrive
 * later as async_payment_succeeded, which lands here too and dedupes on the session id). A
 * recurring gift's money is recorded per invoice (invoice.paid); here we only note the supporter
 * and the subscription's origin (placement, article) in case its own events have not arrived.
 */
export async function handleCheckoutSessionCompleted(event: SessionEvent, ledger: Ledger): Promise<void> {
  const session = event.data.object;
  const at = fromUnix(event.created)!;
  const customer = idOf(session.customer);
  const email = session.customer_details?.email ?? session.customer_email ?? null;
  if (customer) await upsertSupporter(ledger, { stripeCustomerId: customer, email, name: session.customer_details?.name ?? null, at });
  const meta = readGiftMetadata(session.metadata);

  if (session.mode === "payment") {
    if (session.payment_status !== "paid") return;
    await recordGift(ledger, {
      frequency: "once",
      amount: session.amount_total ?? 0,
      feeAmount: meta.feeAmount,
      currency: session.currency ?? "usd",
      coverFees: meta.coverFees,
      placement: meta.placement,
      sourcePath: meta.sourcePath,
      sourceSlug: meta.sourceSlug,
      campaign: meta.campaign,
      email,
      stripeCustomerId: customer,
      stripeCheckoutSessionId: session.id,
      stripePaymentIntentId: idOf(session.payment_intent),
      paidAt: at,
    });
    // Its charge.succeeded usually came first, when there was no gift to attach the charge to.
    const paymentIntent = idOf(session.payment_intent);
    if (paymentIntent) await attachRememberedCharge(ledger, paymentIntent);
    await queueReceipt(ledger, {
      paidFor: session.id,
      to: email,
      customerId: customer,
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "",
      frequency: "once",
      paidAt: at.toISOString(),
      nextPaymentAt: null,
      reference: session.id,
      name: session.customer_details?.name ?? null,
    });
    return;
  }

  const subscription = idOf(session.subscription);
  if (session.mode === "subscription" && subscription && customer) {
    await ensureSubscription(ledger, {
      stripeSubscriptionId: subscription,
      stripeCustomerId: customer,
      status: session.payment_status === "paid" ? "active" : "incomplete",
      frequency: meta.frequency === "annual" ? "annual" : "monthly",
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "usd",
      coverFees: meta.coverFees,
      placement: meta.placement,
      sourceSlug: meta.sourceSlug,
      campaign: meta.campaign,
      startedAt: at,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      cancelAt: null,
      canceledAt: null,
      endedAt: null,
    });
  }
}
