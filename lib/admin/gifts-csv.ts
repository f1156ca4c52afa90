import { streamGifts, type GiftFilters, type GiftRow } from "@/db/reports";
import { isCurrency, toMajorString } from "@/lib/money";
import { csvCell, csvLine } from "./csv";

export const GIFT_CSV_HEADER = [
  "paid_at_utc",
  "gift_id",
  "frequency",
  "status",
  "amount",
  "fee_covered",
  "refunded",
  "currency",
  "email",
  "placement",
  "article",
  "campaign",
  "stripe_customer",
  "stripe_payment_intent",
  "stripe_charge",
  "stripe_invoice",
  "stripe_subscription",
  "stripe_checkout_session",
];

const major = (minor: number, currency: string) => (isCurrency(currency) ? toMajorString(minor, currency) : String(minor));

export function giftCsvLine(g: GiftRow): string {
  const money = (n: number) => csvCell(major(n, g.currency), { text: false });
  return csvLine([
    csvCell(g.paidAt.toISOString()),
    csvCell(g.id, { text: false }),
    csvCell(g.frequency),
    csvCell(g.status),
    money(g.amount),
    money(g.feeAmount),
    money(g.refunded),
    csvCell(g.currency.toUpperCase()),
    csvCell(g.email),
    csvCell(g.placement),
    csvCell(g.sourceSlug),
    csvCell(g.campaign),
    csvCell(g.stripeCustomerId),
    csvCell(g.stripePaymentIntentId),
    csvCell(g.stripeChargeId),
    csvCell(g.stripeInvoiceId),
    csvCell(g.stripeSubscriptionId),
    csvCell(g.stripeCheckoutSessionId),
  ]);
}

/** The filtered gifts as CSV bytes, produced batch by batch as the client reads them. */
export function giftCsvStream(filters: GiftFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<GiftRow[]> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark so spreadsheet programs read the e-mails' UTF-8 correctly.
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(GIFT_CSV_HEADER)}`));
      batches = streamGifts(filters);
    },
    async pull(controller) {
      const next = await batches!.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(giftCsvLine).join("")));
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}
