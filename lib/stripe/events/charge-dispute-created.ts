import type Stripe from "stripe";
import { recordDispute, type Ledger } from "@/db/donations";
import { idOf } from "../client";
import { fromUnix } from "./gift-metadata";

export async function handleChargeDisputeCreated(event: Stripe.ChargeDisputeCreatedEvent, ledger: Ledger): Promise<void> {
  const dispute = event.data.object;
  await recordDispute(ledger, {
    stripeDisputeId: dispute.id,
    stripeChargeId: idOf(dispute.charge) ?? "",
    stripePaymentIntentId: idOf(dispute.payment_intent),
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason ?? null,
    status: dispute.status,
    at: fromUnix(dispute.created) ?? fromUnix(event.created)!,
  });
}
