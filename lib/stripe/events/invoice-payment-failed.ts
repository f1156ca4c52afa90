import type Stripe from "stripe";
import { recordPaymentFailure, upsertSupporter, type Ledger } from "@/db/donations";
import { queuePaymentFailed } from "@/lib/mail/queue-email";
import { idOf } from "../client";
import { fromUnix, readGiftMetadata } from "./gift-metadata";

/**
 * A renewal failed. No money moved, so no gift; the subscription's new status (past_due) arrives
 * as customer.subscription.updated, and Stripe retries the payment. The supporter gets one calm
 * e-mail per failed attempt with a link to update the card; a later paid invoice is the recovery.
 */
export async function handleInvoicePaymentFailed(event: Stripe.InvoicePaymentFailedEvent, ledger: Ledger): Promise<void> {
  const invoice = event.data.object;
  const customer = idOf(invoice.customer);
  if (customer) await upsertSupporter(ledger, { stripeCustomerId: customer, email: invoice.customer_email ?? null, name: invoice.customer_name ?? null, at: fromUnix(event.created)! });
  if (!invoice.parent?.subscription_details?.subscription) return; // not a recurring gift
  await recordPaymentFailure(ledger, {
    stripeInvoiceId: invoice.id,
    stripeSubscriptionId: idOf(invoice.parent.subscription_details.subscription)!,
    stripeCustomerId: customer,
    stripePaymentIntentId: idOf(invoice.payments?.data.at(-1)?.payment.payment_intent),
    amount: invoice.amount_due,
    currency: invoice.currency,
    attempts: invoice.attempt_count,
    failedAt: fromUnix(event.created)!,
    nextAttemptAt: fromUnix(invoice.next_payment_attempt),
  });
  const interval = (invoice.lines?.data[0]?.pricing?.price_details as { price?: { recurring?: { interval?: string } } } | undefined)?.price?.recurring?.interval;
  await queuePaymentFailed(ledger, {
    invoiceId: invoice.id,
    attempt: invoice.attempt_count,
    to: invoice.customer_email ?? null,
    customerId: customer,
    amount: invoice.amount_due,
    currency: invoice.currency,
    frequency: readGiftMetadata(invoice.parent.subscription_details.metadata).frequency === "annual" || interval === "year" ? "annual" : "monthly",
    nextAttemptAt: fromUnix(invoice.next_payment_attempt)?.toISOString() ?? null,
    name: invoice.customer_name ?? null,
  });
}
