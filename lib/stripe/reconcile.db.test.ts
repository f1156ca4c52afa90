import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLedger, type LedgerSnapshot } from "@/db/donations";
import { runSql } from "@/db/testing/fixtures";
import { control, createSession, startHarness, submitPayForm, type Harness } from "./emulator/test-support";
import { metadataFor } from "./testing/events";
import { describeReport, reconcileWithStripe } from "./reconcile";

let h: Harness;
let truth: LedgerSnapshot;
const ids: Record<string, string> = {};
const period = () => ({ from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) });

type Gift = { frequency: "once" | "monthly" | "annual"; amount: number; currency: string; email: string };

async function give(g: Gift): Promise<Stripe.Checkout.Session> {
  const metadata = { ...metadataFor({ frequency: g.frequency, amount: g.amount, placement: "inline", slug: "water-tariffs" }), currency: g.currency };
  const recurring = g.frequency === "once" ? undefined : { interval: g.frequency === "annual" ? ("year" as const) : ("month" as const) };
  const session = await createSession(h.stripe, g.frequency === "once" ? "payment" : "subscription", {
    customer_email: g.email,
    metadata,
    ...(g.frequency === "once" ? { customer_creation: "always" as const, payment_intent_data: { metadata } } : { subscription_data: { metadata } }),
    line_items: [{ quantity: 1, price_data: { currency: g.currency, unit_amount: g.amount, product_data: { name: "Gift" }, ...(recurring ? { recurring } : {}) } }],
  });
  expect((await submitPayForm(session, { email: g.email })).status).toBe(303);
  return h.stripe.checkout.sessions.retrieve(session.id);
}

/** The ledger with what the database assigns (ids, write times) left out, in a stable order. */
function comparable(l: LedgerSnapshot) {
  const key = (g: LedgerSnapshot["gifts"][number]) => g.stripeInvoiceId ?? g.stripeCheckoutSessionId ?? "";
  return {
    gifts: l.gifts.map(({ id: _id, recordedAt: _r, ...g }) => g).sort((a, b) => key(a as never).localeCompare(key(b as never))),
    subscriptions: l.subscriptions.map(({ lastEventAt: _l, ...s }) => s),
    supporters: l.supporters.map(({ updatedAt: _u, ...s }) => s),
    refunds: l.refunds,
    disputes: l.disputes,
    events: l.events,
  };
}

beforeAll(async () => {
  h = await startHarness();
  const once = await give({ frequency: "once", amount: 2500, currency: "eur", email: "ana@example.org" });
  const refunded = await give({ frequency: "once", amount: 1000, currency: "usd", email: "bo@example.org" });
  const disputed = await give({ frequency: "once", amount: 5000, currency: "gbp", email: "cy@example.org" });
  const monthly = await give({ frequency: "monthly", amount: 500, currency: "eur", email: "dee@example.org" });
  const annual = await give({ frequency: "annual", amount: 12000, currency: "eur", email: "eve@example.org" });
  const yen = await give({ frequency: "once", amount: 3000, currency: "jpy", email: "fumi@example.jp" });
  const charge = (pi: unknown) => h.emulator.payments().find((p) => p.paymentIntentId === pi)!.chargeId;
  await h.stripe.refunds.create({ payment_intent: String(refunded.payment_intent), amount: 400 });
  await control(h.emulator, `/_emulator/charges/${charge(disputed.payment_intent)}/dispute`);
  const renewal = await control(h.emulator, `/_emulator/subscriptions/${String(monthly.subscription)}/renew`);
  await h.stripe.subscriptions.cancel(String(annual.subscription));
  Object.assign(ids, {
    once: once.id,
    refundedPi: String(refunded.payment_intent),
    refundedCharge: charge(refunded.payment_intent),
    disputedCharge: charge(disputed.payment_intent),
    renewalInvoice: (renewal.json as { invoice: { id: string } }).invoice.id,
    annualSub: String(annual.subscription),
    monthlySub: String(monthly.subscription),
    yen: yen.id,
  });

  // Every webhook was missed: the first reconciliation fills the ledger from Stripe's events.
  const first = await reconcileWithStripe({ ...period(), stripe: h.stripe });
  expect(first.events.processed).toBe(first.events.seen);
  truth = await readLedger();
});

afterAll(async () => {
  await h?.stop();
});

describe("reconcileWithStripe", () => {
  it("fills an empty ledger with everything Stripe has for the period", () => {
    expect(truth.gifts.map((g) => `${g.frequency} ${g.amount} ${g.currency}`).sort()).toEqual(["annual 12000 eur", "monthly 500 eur", "monthly 500 eur", "once 1000 usd", "once 2500 eur", "once 3000 jpy", "once 5000 gbp"]);
    expect(truth.gifts.every((g) => g.stripeChargeId !== null && g.email !== null)).toBe(true);
    expect(truth.subscriptions.map((s) => s.status).sort()).toEqual(["active", "canceled"]);
    expect(truth.refunds.map((r) => r.amountRefunded)).toEqual([400]);
    expect(truth.disputes).toHaveLength(1);
    expect(truth.events).toBeGreaterThan(20);
  });

  it("restores exactly the rows deleted from the ledger, and a missed webhook, through the webhook's own path", async () => {
    await runSql(`delete from gifts where stripe_checkout_session_id = '${ids.once}' or stripe_payment_intent_id = '${ids.refundedPi}' or stripe_invoice_id = '${ids.renewalInvoice}'`);
    await runSql(`delete from subscriptions where stripe_subscription_id = '${ids.annualSub}'`);
    await runSql(`delete from refunds where stripe_charge_id = '${ids.refundedCharge}'`);
    await runSql(`delete from disputes where stripe_charge_id = '${ids.disputedCharge}'`);
    // A webhook that never arrived at all: neither its event nor its row is in the ledger.
    const yenEvent = h.emulator.events().find((e) => e.type === "checkout.session.completed" && (e.data.object as { id: string }).id === ids.yen)!;
    await runSql(`delete from stripe_events where id = '${yenEvent.id}'`);
    await runSql(`delete from gifts where stripe_checkout_session_id = '${ids.yen}'`);

    const report = await reconcileWithStripe({ ...period(), stripe: h.stripe });
    expect(report.added).toEqual({ gifts: 4, subscriptions: 1, supporters: 0, refunds: 1, disputes: 1 });
    expect(report.events.processed).toBe(1);
    expect(report.events.reapplied).toBeGreaterThanOrEqual(5);
    expect(report.disagreements).toEqual([]);
    expect(report.rebuilt).toEqual([]);
    expect(comparable(await readLedger())).toEqual(comparable(truth));
  });

  it("adds nothing the second time", async () => {
    const report = await reconcileWithStripe({ ...period(), stripe: h.stripe });
    expect(report.added).toEqual({ gifts: 0, subscriptions: 0, supporters: 0, refunds: 0, disputes: 0 });
    expect(report.events).toMatchObject({ processed: 0, reapplied: 0 });
    expect(report.checked).toEqual({ checkoutSessions: 4, invoices: 3, subscriptions: 2, refundedCharges: 1 });
    expect(describeReport(report)).toContain("Added: nothing (the ledger already matched).");
    expect(comparable(await readLedger())).toEqual(comparable(truth));
  });

  it("reports a gift's amount without overwriting it, and repairs a subscription's state through the handler", async () => {
    await runSql(`update gifts set amount = 2400 where stripe_checkout_session_id = '${ids.once}'`);
    await runSql(`update subscriptions set status = 'active', canceled_at = null where stripe_subscription_id = '${ids.annualSub}'`);
    const report = await reconcileWithStripe({ ...period(), stripe: h.stripe });
    const canceledAt = truth.subscriptions.find((s) => s.stripeSubscriptionId === ids.annualSub)!.canceledAt!;
    expect(report.disagreements).toEqual([
      { kind: "gift", stripeId: ids.once, field: "amount", stripe: "2500", ledger: "2400" },
      { kind: "subscription", stripeId: ids.annualSub, field: "status", stripe: "canceled", ledger: "active", repaired: true },
      { kind: "subscription", stripeId: ids.annualSub, field: "canceled_at", stripe: canceledAt.toISOString(), ledger: "none", repaired: true },
    ]);
    expect(describeReport(report)).toContain(`  subscription ${ids.annualSub}: status is canceled in Stripe, active in the ledger (repaired from Stripe)`);
    expect(report.added.gifts).toBe(0);
    expect((await readLedger()).gifts.find((g) => g.stripeCheckoutSessionId === ids.once)!.amount).toBe(2400);
    expect((await readLedger()).subscriptions.find((s) => s.stripeSubscriptionId === ids.annualSub)).toMatchObject({ status: "canceled", canceledAt });
    await runSql(`update gifts set amount = 2500 where stripe_checkout_session_id = '${ids.once}'`);
    expect((await reconcileWithStripe({ ...period(), stripe: h.stripe })).disagreements).toEqual([]);
  });

  it("finds a scheduled cancellation, and its withdrawal, that no event told the ledger about", async () => {
    const ledgerSub = async () => (await readLedger()).subscriptions.find((s) => s.stripeSubscriptionId === ids.monthlySub)!;
    const silently = (value: boolean) => control(h.emulator, `/_emulator/subscriptions/${ids.monthlySub}/change-silently`, { cancel_at_period_end: value });
    expect((await silently(true)).status).toBe(200);
    const scheduled = await reconcileWithStripe({ ...period(), stripe: h.stripe });
    expect(scheduled.events.processed).toBe(0);
    expect(scheduled.disagreements.map((d) => [d.field, d.stripe, d.ledger, d.repaired])).toEqual([
      ["cancel_at_period_end", "true", "false", true],
      ["canceled_at", expect.stringMatching(/^20\d\d-/), "none", true],
    ]);
    expect(await ledgerSub()).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    await silently(false);
    const withdrawn = await reconcileWithStripe({ ...period(), stripe: h.stripe });
    expect(withdrawn.disagreements.map((d) => [d.field, d.stripe, d.repaired])).toEqual([
      ["cancel_at_period_end", "false", true],
      ["canceled_at", "none", true],
    ]);
    expect(await ledgerSub()).toMatchObject({ status: "active", cancelAtPeriodEnd: false, canceledAt: null });
  });

  it("rebuilds a missing gift from the Stripe object when its events have expired", async () => {
    await runSql(`delete from gifts where stripe_checkout_session_id = '${ids.yen}'`);
    const expired = Object.create(h.stripe, { events: { value: { list: async function* () {}, retrieve: h.stripe.events.retrieve.bind(h.stripe.events) } } }) as Stripe;
    const progress: string[] = [];
    const report = await reconcileWithStripe({ ...period(), stripe: expired, onProgress: (p) => progress.push(`${p.phase}:${p.fraction}`) });
    expect(report.rebuilt).toEqual([{ kind: "gift", stripeId: ids.yen }]);
    expect(report.added.gifts).toBe(1);
    const yen = (await readLedger()).gifts.find((g) => g.stripeCheckoutSessionId === ids.yen);
    expect(yen).toMatchObject({ amount: 3000, currency: "jpy", email: "fumi@example.jp", frequency: "once" });
    expect(progress).toEqual(expect.arrayContaining(["events:1", "checkout sessions:1", "invoices:1", "subscriptions:1", "refunds:1"]));
  });

  it("runs nightly and e-mails the owners and finance staff only when something disagrees, once per run", async () => {
    const { reconcileNightly } = await import("@/lib/jobs/nightly-reconciliation");
    const { saveStaffAccount } = await import("@/db/staff");
    const { listOutboxEmails } = await import("@/db/email-outbox");
    await saveStaffAccount({ email: "finance@example.org", name: "Finance", passwordHash: "$argon2id$unused", role: "finance" });
    await saveStaffAccount({ email: "owner@example.org", name: "Owner", passwordHash: "$argon2id$unused", role: "owner" });
    await saveStaffAccount({ email: "editor@example.org", name: "Editor", passwordHash: "$argon2id$unused", role: "read-only" });
    const reconciliationMail = async () => (await listOutboxEmails(500)).filter((e) => e.kind === "reconciliation");

    expect(await reconcileNightly(new Date(), h.stripe)).toMatchObject({ disagreements: 0, emailed: 0 });
    expect(await reconciliationMail()).toHaveLength(0);

    await runSql(`update gifts set amount = 2400 where stripe_checkout_session_id = '${ids.once}'`);
    const night = await reconcileNightly(new Date(), h.stripe);
    expect(night).toMatchObject({ disagreements: 1, emailed: 2 });
    const mail = await reconciliationMail();
    expect(mail.map((m) => m.toAddress).sort()).toEqual(["finance@example.org", "owner@example.org"]);
    expect((mail[0]!.data as { lines: string[] }).lines).toContain(`  gift ${ids.once}: amount is 2500 in Stripe, 2400 in the ledger`);
    await runSql(`update gifts set amount = 2500 where stripe_checkout_session_id = '${ids.once}'`);
  });
});
