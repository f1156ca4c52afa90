import type Stripe from "stripe";
import { upsertSupporter, type Ledger } from "@/db/donations";
import { idOf } from "../client";
import { fromUnix } from "./gift-metadata";

/**
 * A renewal failed. No money moved, so no gift; the subscription's new status (past_due) arrives
 * as customer.subscription.updated. We keep the supporter's e-mail current for staff follow-up.
 */
export async function handleInvoicePaymentFailed(event: Stripe.InvoicePaymentFailedEvent, ledger: Ledger): Promise<void> {
  const invoice = event.data.object;
  const customer = idOf(invoice.customer);
  if (customer) await upsertSupporter(ledger, { stripeCustomerId: customer, email: invoice.customer_email ?? null, name: invoice.customer_name ?? null, at: fromUnix(event.created)! });
}
