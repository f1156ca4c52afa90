import { applySubscriptionState, processEventOnce, recordDispute, recordGift, recordRefund, upsertSupporter, type SubscriptionState } from "../donations";
import type { NewGift } from "../schema";

/**
 * A small ledger with known answers for November 2026 (see reports.db.test.ts): one-time,
 * monthly and annual gifts in four currencies, a full refund, a partial refund known only by its
 * charge, a dispute, and subscriptions that are active, past due, cancelled, cancelled at period
 * end, and never completed.
 */
export const NOW = new Date("2026-11-28T12:00:00Z");
export const NOVEMBER = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };
export const OCTOBER = { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z") };

const at = (iso: string) => new Date(`2026-${iso}Z`);

const gift = (g: Partial<NewGift> & Pick<NewGift, "frequency" | "amount" | "currency" | "paidAt">): NewGift => g;

export const FIXTURE_GIFTS: NewGift[] = [
  gift({ frequency: "once", amount: 1000, currency: "eur", paidAt: at("11-02T09:00:00"), stripePaymentIntentId: "pi_f1", stripeCustomerId: "cus_ana", email: "ana@example.org", placement: "inline", sourceSlug: "article-1" }),
  gift({ frequency: "once", amount: 3000, currency: "eur", paidAt: at("11-03T10:00:00"), stripePaymentIntentId: "pi_f2", stripeChargeId: "ch_f2", email: "bo@example.org", placement: "banner" }),
  gift({ frequency: "once", amount: 2500, currency: "usd", paidAt: at("11-04T11:00:00"), stripePaymentIntentId: "pi_f3", stripeChargeId: "ch_f3", email: "cy@example.com", placement: "dialog" }),
  gift({ frequency: "once", amount: 5000, currency: "gbp", paidAt: at("11-04T12:00:00"), stripePaymentIntentId: "pi_f4", stripeChargeId: "ch_f4", email: "dee@example.co.uk", placement: "support_page" }),
  gift({ frequency: "monthly", amount: 500, currency: "eur", paidAt: at("11-05T08:00:00"), stripeInvoiceId: "in_f5", stripeSubscriptionId: "sub_m1", stripeCustomerId: "cus_m1", email: "member@example.org", placement: "inline", sourceSlug: "article-1" }),
  gift({ frequency: "monthly", amount: 500, currency: "eur", paidAt: at("10-05T08:00:00"), stripeInvoiceId: "in_f6", stripeSubscriptionId: "sub_m1", stripeCustomerId: "cus_m1", email: "member@example.org", placement: "inline", sourceSlug: "article-1" }),
  gift({ frequency: "annual", amount: 12000, currency: "eur", paidAt: at("11-06T08:00:00"), stripeInvoiceId: "in_f7", stripeSubscriptionId: "sub_a1", stripeCustomerId: "cus_a1", email: "patron@example.org", sourceSlug: "article-2" }),
  gift({ frequency: "once", amount: 3000, currency: "jpy", paidAt: at("11-07T08:00:00"), stripePaymentIntentId: "pi_f8", email: "eiko@example.jp", placement: "banner" }),
  gift({ frequency: "once", amount: 999, currency: "eur", paidAt: at("10-31T23:59:59"), stripePaymentIntentId: "pi_f9", email: "early@example.org" }),
];

const sub = (s: Partial<SubscriptionState> & Pick<SubscriptionState, "stripeSubscriptionId" | "status" | "frequency" | "amount" | "currency" | "startedAt">): SubscriptionState => ({
  stripeCustomerId: `cus_${s.stripeSubscriptionId.slice(4)}`,
  coverFees: false,
  placement: null,
  sourceSlug: null,
  campaign: null,
  currentPeriodEnd: null,
  cancelAtPeriodEnd: false,
  cancelAt: null,
  canceledAt: null,
  endedAt: null,
  ...s,
});

export const FIXTURE_SUBSCRIPTIONS: SubscriptionState[] = [
  sub({ stripeSubscriptionId: "sub_m1", status: "active", frequency: "monthly", amount: 500, currency: "eur", startedAt: at("10-05T08:00:00") }),
  sub({ stripeSubscriptionId: "sub_a1", status: "active", frequency: "annual", amount: 12000, currency: "eur", startedAt: at("11-06T08:00:00") }),
  sub({ stripeSubscriptionId: "sub_m2", status: "canceled", frequency: "monthly", amount: 1000, currency: "usd", startedAt: at("09-01T08:00:00"), canceledAt: at("11-15T08:00:00"), endedAt: at("11-15T08:00:00") }),
  sub({ stripeSubscriptionId: "sub_m3", status: "past_due", frequency: "monthly", amount: 700, currency: "eur", startedAt: at("08-01T08:00:00") }),
  sub({ stripeSubscriptionId: "sub_a2", status: "active", frequency: "annual", amount: 6000, currency: "gbp", startedAt: at("11-20T08:00:00") }),
  sub({ stripeSubscriptionId: "sub_x", status: "incomplete", frequency: "monthly", amount: 900, currency: "eur", startedAt: at("11-21T08:00:00") }),
  sub({ stripeSubscriptionId: "sub_m4", status: "active", frequency: "monthly", amount: 300, currency: "eur", startedAt: at("11-01T10:00:00"), cancelAtPeriodEnd: true, canceledAt: at("11-25T08:00:00") }),
];

export async function seedLedgerFixture(): Promise<void> {
  await processEventOnce({ id: "evt_fixture", type: "test.fixture", created: NOW }, async (ledger) => {
    await upsertSupporter(ledger, { stripeCustomerId: "cus_m1", email: "member@example.org", name: "Mem Ber", at: at("10-05T08:00:00") });
    for (const g of FIXTURE_GIFTS) await recordGift(ledger, g);
    for (const s of FIXTURE_SUBSCRIPTIONS) await applySubscriptionState(ledger, s, NOW);
    await recordRefund(ledger, { stripeChargeId: "ch_f2", stripePaymentIntentId: "pi_f2", amountRefunded: 3000, currency: "eur", at: at("11-05T09:00:00") });
    // Known only by its charge: the ledger must still find the gift.
    await recordRefund(ledger, { stripeChargeId: "ch_f3", stripePaymentIntentId: null, amountRefunded: 500, currency: "usd", at: at("11-06T09:00:00") });
    await recordDispute(ledger, { stripeDisputeId: "dp_f4", stripeChargeId: "ch_f4", stripePaymentIntentId: "pi_f4", amount: 5000, currency: "gbp", reason: "fraudulent", status: "needs_response", at: at("11-10T09:00:00") });
  });
}
