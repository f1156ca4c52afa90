import type Stripe from "stripe";
import { attachChargeToGift, rememberCharge, type Ledger } from "@/db/donations";
import { idOf } from "../client";

/** Links the charge id to its gift, so staff can open it in the dashboard and refunds find their gift. */
export async function handleChargeSucceeded(event: Stripe.ChargeSucceededEvent, ledger: Ledger): Promise<void> {
  const charge = event.data.object;
  const paymentIntent = idOf(charge.payment_intent);
  if (!paymentIntent) return;
  await rememberCharge(ledger, { stripeChargeId: charge.id, stripePaymentIntentId: paymentIntent, at: new Date(event.created * 1000) });
  await attachChargeToGift(ledger, paymentIntent, charge.id);
}
