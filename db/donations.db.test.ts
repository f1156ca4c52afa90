import { describe, expect, it } from "vitest";
import { processEventOnce, recordGift, recordRefund, sumGiftsSince } from "./donations";

const paid = (over: Partial<Parameters<typeof recordGift>[1]>) => ({
  frequency: "once" as const,
  amount: 1000,
  currency: "eur",
  paidAt: new Date("2026-11-10T10:00:00Z"),
  ...over,
});

describe("sumGiftsSince", () => {
  it("adds this month's gifts in one currency, less refunds", async () => {
    await processEventOnce({ id: "evt_sum", type: "test", created: new Date() }, async (ledger) => {
      await recordGift(ledger, paid({ stripePaymentIntentId: "pi_a", amount: 1000 }));
      await recordGift(ledger, paid({ stripeInvoiceId: "in_b", frequency: "monthly", amount: 500 }));
      await recordGift(ledger, paid({ stripePaymentIntentId: "pi_c", amount: 2000, currency: "usd" }));
      await recordGift(ledger, paid({ stripePaymentIntentId: "pi_old", amount: 9000, paidAt: new Date("2026-10-31T23:59:59Z") }));
      await recordRefund(ledger, { stripeChargeId: "ch_a", stripePaymentIntentId: "pi_a", amountRefunded: 400, currency: "eur", at: new Date() });
    });
    expect(await sumGiftsSince(new Date("2026-11-01T00:00:00Z"), "eur")).toEqual({ raised: 1100, gifts: 2 });
    expect(await sumGiftsSince(new Date("2026-11-01T00:00:00Z"), "usd")).toEqual({ raised: 2000, gifts: 1 });
  });

  it("keeps the largest refunded total whatever order refund events arrive in", async () => {
    await processEventOnce({ id: "evt_ref", type: "test", created: new Date() }, async (ledger) => {
      await recordGift(ledger, paid({ stripePaymentIntentId: "pi_r", amount: 3000, currency: "gbp" }));
      await recordRefund(ledger, { stripeChargeId: "ch_r", stripePaymentIntentId: "pi_r", amountRefunded: 3000, currency: "gbp", at: new Date() });
      await recordRefund(ledger, { stripeChargeId: "ch_r", stripePaymentIntentId: "pi_r", amountRefunded: 1000, currency: "gbp", at: new Date() });
    });
    expect(await sumGiftsSince(new Date("2026-11-01T00:00:00Z"), "gbp")).toEqual({ raised: 0, gifts: 1 });
  });
});
