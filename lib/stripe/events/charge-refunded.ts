import type Stripe from "stripe";
import { attachChargeToGift, recordRefund, type Ledger } from "@/db/donations";
import { idOf } from "../client";
import { fromUnix } from "./gift-metadata";

/** The charge's refunded total, keyed by charge; the gift it belongs to is found through its payment intent. */
export async function handleChargeRefunded(event: Stripe.ChargeRefundedEvent, ledger: Ledger): Promise<void> {
  const charge = event.data.object;
  const paymentIntent = idOf(charge.payment_intent);
  if (paymentIntent) await attachChargeToGift(ledger, paymentIntent, charge.id);
  await recordRefund(ledger, {
    stripeChargeId: charge.id,
    stripePaymentIntentId: paymentIntent,
    amountRefunded: charge.amount_refunded,
    currency: charge.currency,
    at: fromUnix(event.created)!,
  });
}
