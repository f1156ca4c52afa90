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

describe("applySubscriptionState", () => {
  it("forgets a scheduled cancellation that was withdrawn (Cancel, then Don't cancel), and keeps pause state", async () => {
    const { applySubscriptionState } = await import("./donations");
    const { db } = await import("./client");
    const { subscriptions } = await import("./schema");
    const { eq } = await import("drizzle-orm");
    const state = {
      stripeSubscriptionId: "sub_undo",
      stripeCustomerId: "cus_undo",
      status: "active",
      frequency: "monthly" as const,
      amount: 500,
      currency: "eur",
      coverFees: false,
      placement: null,
      sourceSlug: null,
      campaign: null,
      startedAt: new Date("2026-12-01T10:00:00Z"),
      currentPeriodEnd: new Date("2027-01-01T10:00:00Z"),
      cancelAtPeriodEnd: false,
      cancelAt: null,
      canceledAt: null,
      endedAt: null,
    };
    const d = await db();
    await d.transaction(async (tx) => applySubscriptionState(tx, state, new Date("2026-12-01T10:00:00Z")));
    await d.transaction(async (tx) =>
      applySubscriptionState(tx, { ...state, cancelAtPeriodEnd: true, cancelAt: state.currentPeriodEnd, canceledAt: new Date("2026-12-02T09:00:00Z") }, new Date("2026-12-02T09:00:00Z")),
    );
    await d.transaction(async (tx) => applySubscriptionState(tx, { ...state, pauseBehavior: "void", pauseResumesAt: null }, new Date("2026-12-02T09:05:00Z")));
    const [row] = await d.select().from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, "sub_undo"));
    expect(row).toMatchObject({ status: "active", cancelAtPeriodEnd: false, cancelAt: null, canceledAt: null, pauseBehavior: "void" });
  });
});
