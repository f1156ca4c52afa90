import { z } from "zod";
import type { Ledger } from "@/db/donations";
import { inTransaction, queueEmail } from "@/db/email-outbox";
import { listSupportersByEmail } from "@/db/supporters";
import { isCurrency } from "@/lib/money";
import type { PaymentFailedData } from "./templates/payment-failed";
import type { ReceiptData } from "./templates/receipt";

const address = z.email().max(254);

/**
 * Queues the receipt for one payment in the webhook's transaction, keyed by what was paid (the
 * session of a one-time gift, the invoice of each renewal): Stripe redelivering the event, or two
 * deliveries at once, still make one e-mail. No usable address, no e-mail.
 */
export async function queueReceipt(
  ledger: Ledger,
  receipt: { paidFor: string; to: string | null; customerId: string | null } & Omit<ReceiptData, "currency"> & { currency: string },
): Promise<number | null> {
  const to = address.safeParse(receipt.to?.trim());
  if (!to.success || !isCurrency(receipt.currency)) return null;
  const { paidFor, to: _to, customerId, ...data } = receipt;
  return queueEmail(ledger, { dedupeKey: `receipt:${paidFor}`, kind: "receipt", toAddress: to.data, data: { ...data, customerId } });
}

/** One calm e-mail per failed attempt at a renewal (Stripe's retries each count as an attempt). */
export async function queuePaymentFailed(
  ledger: Ledger,
  failed: { invoiceId: string; attempt: number; to: string | null; customerId: string | null } & Omit<PaymentFailedData, "currency"> & { currency: string },
): Promise<number | null> {
  const to = address.safeParse(failed.to?.trim());
  if (!to.success || !isCurrency(failed.currency)) return null;
  const { invoiceId, attempt, to: _to, customerId, ...data } = failed;
  return queueEmail(ledger, { dedupeKey: `payment-failed:${invoiceId}:${attempt}`, kind: "payment_failed", toAddress: to.data, data: { ...data, customerId } });
}

const LINK_WINDOW_MS = 10 * 60_000;

/**
 * "Send me a link": one e-mail per supporter with this address, at most one per supporter every ten
 * minutes however often it is asked (so the form cannot flood anyone's inbox). Says nothing about
 * whether the address is known; the caller answers the same either way.
 */
export async function queueManageLinks(email: string, now = new Date()): Promise<void> {
  const to = address.safeParse(email.trim());
  if (!to.success) return;
  const window = Math.floor(now.getTime() / LINK_WINDOW_MS);
  for (const supporter of await listSupportersByEmail(to.data)) {
    await inTransaction((ledger) =>
      queueEmail(ledger, { dedupeKey: `manage-link:${supporter.stripeCustomerId}:${window}`, kind: "manage_link", toAddress: to.data, data: { customerId: supporter.stripeCustomerId } }),
    );
  }
}
