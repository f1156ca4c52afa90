import { z } from "zod";
import type { Ledger } from "@/db/donations";
import { queueEmail } from "@/db/email-outbox";
import { isCurrency } from "@/lib/money";
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
