import type Stripe from "stripe";
import { ensureSubscription, markPaymentRecovered, recordGift, upsertSupporter, type Ledger } from "@/db/donations";
import { queueReceipt } from "@/lib/mail/queue-email";
import { idOf } from "../client";
import { fromUnix, readGiftMetadata } from "./gift-metadata";

/** Each paid invoice of a subscription is one gift, keyed by the invoice id. */
export async function handleInvoicePaid(event: Stripe.InvoicePaidEvent, ledger: Ledger): Promise<void> {
  const invoice = event.data.object;
  const details = invoice.parent?.subscription_details;
  const subscription = idOf(details?.subscription);
  if (!subscription || invoice.amount_paid <= 0) return; // not a gift: a manual invoice or a zero-amount one
  const customer = idOf(invoice.customer);
  const meta = readGiftMetadata(details?.metadata);
  const line = invoice.lines?.data[0];
  const interval = (line?.pricing?.price_details as { price?: { recurring?: { interval?: string } } } | undefined)?.price?.recurring?.interval;
  const frequency = meta.frequency === "annual" || interval === "year" ? "annual" : "monthly";
  const payment = invoice.payments?.data[0]?.payment;
  const at = fromUnix(invoice.status_transitions?.paid_at) ?? fromUnix(event.created)!;

  if (customer) await upsertSupporter(ledger, { stripeCustomerId: customer, email: invoice.customer_email ?? null, name: invoice.customer_name ?? null, at });
  await recordGift(ledger, {
    frequency,
    amount: invoice.amount_paid,
    feeAmount: meta.feeAmount,
    currency: invoice.currency,
    coverFees: meta.coverFees,
    placement: meta.placement,
    sourcePath: meta.sourcePath,
    sourceSlug: meta.sourceSlug,
    campaign: meta.campaign,
    email: invoice.customer_email ?? null,
    stripeCustomerId: customer,
    stripeInvoiceId: invoice.id,
    stripeSubscriptionId: subscription,
    stripePaymentIntentId: idOf(payment?.payment_intent),
    stripeChargeId: idOf(payment?.charge),
    paidAt: at,
  });
  await markPaymentRecovered(ledger, invoice.id, at);
  await queueReceipt(ledger, {
    paidFor: invoice.id,
    to: invoice.customer_email ?? null,
    customerId: customer,
    amount: invoice.amount_paid,
    currency: invoice.currency,
    frequency,
    paidAt: at.toISOString(),
    nextPaymentAt: fromUnix(line?.period?.end)?.toISOString() ?? null,
    reference: invoice.number ?? invoice.id,
    name: invoice.customer_name ?? null,
  });
  if (customer) {
    await ensureSubscription(ledger, {
      stripeSubscriptionId: subscription,
      stripeCustomerId: customer,
      status: "active",
      frequency,
      amount: invoice.amount_paid,
      currency: invoice.currency,
      coverFees: meta.coverFees,
      placement: meta.placement,
      sourceSlug: meta.sourceSlug,
      campaign: meta.campaign,
      startedAt: at,
      currentPeriodEnd: fromUnix(line?.period?.end),
      cancelAtPeriodEnd: false,
      cancelAt: null,
      canceledAt: null,
      endedAt: null,
    });
  }
}
