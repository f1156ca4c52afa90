import type Stripe from "stripe";
import { recordPaymentDecline, type Ledger } from "@/db/donations";
import { fromUnix } from "./gift-metadata";

/** Keeps the bank's reason for a declined payment, for staff: no money moved, so nothing else changes. */
export async function handlePaymentIntentPaymentFailed(event: Stripe.PaymentIntentPaymentFailedEvent, ledger: Ledger): Promise<void> {
  const intent = event.data.object;
  const error = intent.last_payment_error;
  await recordPaymentDecline(ledger, { stripePaymentIntentId: intent.id, declineCode: error?.decline_code ?? error?.code ?? null, message: error?.message?.slice(0, 300) ?? null, at: fromUnix(event.created)! });
}
