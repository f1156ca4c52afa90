import Stripe from "stripe";
import { beforeEach, describe, expect, it } from "vitest";
import { readLedger } from "@/db/donations";
import { runSql } from "@/db/testing/fixtures";
import {
  dispute,
  event,
  oneTimeCheckout,
  paidInvoice,
  refundedCharge,
  subscriptionCheckout,
  subscriptionObject,
} from "@/lib/stripe/testing/events";
import { POST } from "./route";

const secret = process.env.STRIPE_WEBHOOK_SECRET!;
const stripe = new Stripe("sk_test_unused");

function signedRequest(payload: string, { secret: key = secret, timestamp }: { secret?: string; timestamp?: number } = {}): Request {
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: key, timestamp });
  return new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": header, "content-type": "application/json" } });
}

async function deliver(e: unknown, opts?: { secret?: string; timestamp?: number }) {
  const res = await POST(signedRequest(JSON.stringify(e), opts));
  return { status: res.status, body: (await res.json()) as { outcome?: string; error?: string } };
}

beforeEach(async () => {
  await runSql("truncate stripe_events, gifts, subscriptions, supporters, refunds, disputes");
});

describe("POST /api/stripe/webhook: signatures", () => {
  const e = () => event("checkout.session.completed", oneTimeCheckout({ amount: 1000 }));

  it("rejects a request with no signature", async () => {
    const res = await POST(new Request("http://localhost/api/stripe/webhook", { method: "POST", body: JSON.stringify(e()) }));
    expect(res.status).toBe(400);
    expect((await readLedger()).events).toBe(0);
  });

  it("rejects a signature made with another secret", async () => {
    expect((await deliver(e(), { secret: "whsec_someone_else" })).status).toBe(400);
  });

  it("rejects a body changed after signing, and a re-serialised one", async () => {
    const payload = JSON.stringify(e());
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const tampered = payload.replace('"amount_total":1000', '"amount_total":9000');
    const reserialised = JSON.stringify(JSON.parse(payload), null, 2);
    for (const body of [tampered, reserialised]) {
      const res = await POST(new Request("http://localhost/x", { method: "POST", body, headers: { "stripe-signature": header } }));
      expect(res.status).toBe(400);
    }
    expect((await readLedger()).gifts).toHaveLength(0);
  });

  it("rejects a signature older than the tolerance (a replay)", async () => {
    expect((await deliver(e(), { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(400);
    expect((await readLedger()).events).toBe(0);
  });

  it("answers 200 to event types it does not handle and writes nothing", async () => {
    const res = await deliver(event("customer.created" as "charge.succeeded", { id: "cus_x", object: "customer" }));
    expect(res).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect((await readLedger()).events).toBe(0);
  });

  it("refuses a 5 MB body without reading it into the ledger", async () => {
    const huge = JSON.stringify({ ...e(), padding: "x".repeat(5 * 1024 * 1024) });
    const res = await POST(signedRequest(huge));
    expect(res.status).toBe(413);
    expect((await readLedger()).events).toBe(0);
  });

  it("accepts a valid event about objects the ledger has never seen, without inventing a gift", async () => {
    const charge = refundedCharge({ paymentIntent: "pi_never_seen", amount: 900, refunded: 900 });
    expect((await deliver(event("charge.refunded", charge))).body.outcome).toBe("processed");
    const { gifts, refunds } = await readLedger();
    expect(gifts).toHaveLength(0);
    expect(refunds).toMatchObject([{ stripeChargeId: charge.id, amountRefunded: 900 }]);
  });

  it("answers 400 to a signed body that is not JSON", async () => {
    const res = await POST(signedRequest("{not json"));
    expect(res.status).toBe(400);
  });
});

describe("POST /api/stripe/webhook: the ledger", () => {
  it("records a paid one-time gift with its metadata", async () => {
    const session = oneTimeCheckout({ amount: 1059, fee: 59, slug: "water-tariffs", email: "ana@example.org" });
    expect((await deliver(event("checkout.session.completed", session))).body.outcome).toBe("processed");
    const { gifts, supporters } = await readLedger();
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatchObject({
      frequency: "once",
      amount: 1059,
      feeAmount: 59,
      coverFees: true,
      currency: "eur",
      placement: "inline",
      sourceSlug: "water-tariffs",
      email: "ana@example.org",
      stripeCheckoutSessionId: session.id,
      stripePaymentIntentId: session.payment_intent,
    });
    expect(supporters.map((s) => s.email)).toEqual(["ana@example.org"]);
  });

  it("records an unpaid (delayed method) checkout only when the async payment succeeds", async () => {
    const session = oneTimeCheckout({ amount: 2500, paid: false });
    await deliver(event("checkout.session.completed", session));
    expect((await readLedger()).gifts).toHaveLength(0);
    await deliver(event("checkout.session.async_payment_failed", session));
    expect((await readLedger()).gifts).toHaveLength(0);
    await deliver(event("checkout.session.async_payment_succeeded", { ...session, payment_status: "paid" }));
    expect((await readLedger()).gifts.map((g) => g.amount)).toEqual([2500]);
  });

  it("records each paid invoice of a subscription as a gift, and the subscription's state", async () => {
    const checkout = subscriptionCheckout({ amount: 1000, frequency: "monthly" });
    const sub = subscriptionObject({ id: checkout.subscription, customer: checkout.customer, amount: 1000, frequency: "monthly" });
    await deliver(event("customer.subscription.created", sub));
    await deliver(event("invoice.paid", paidInvoice({ subscription: sub.id, customer: sub.customer, amount: 1000, frequency: "monthly" })));
    await deliver(event("checkout.session.completed", checkout));
    await deliver(event("invoice.paid", paidInvoice({ subscription: sub.id, customer: sub.customer, amount: 1000, frequency: "monthly", reason: "subscription_cycle" })));
    const { gifts, subscriptions } = await readLedger();
    expect(gifts.map((g) => [g.frequency, g.amount, g.stripeSubscriptionId])).toEqual([
      ["monthly", 1000, sub.id],
      ["monthly", 1000, sub.id],
    ]);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]).toMatchObject({ status: "active", frequency: "monthly", amount: 1000, placement: "inline" });
  });

  it("marks a failed renewal past due through the subscription update, without a gift", async () => {
    const sub = subscriptionObject({ id: "sub_failing", customer: "cus_failing", amount: 500, frequency: "monthly" });
    await deliver(event("customer.subscription.created", sub, { created: 1000 }));
    await deliver(event("invoice.payment_failed", { ...paidInvoice({ subscription: sub.id, customer: sub.customer, amount: 500, frequency: "monthly" }), status: "open", amount_paid: 0 }, { created: 2000 }));
    await deliver(event("customer.subscription.updated", { ...sub, status: "past_due" }, { created: 2001 }));
    const { gifts, subscriptions } = await readLedger();
    expect(gifts).toHaveLength(0);
    expect(subscriptions[0]?.status).toBe("past_due");
  });

  it("gives a one-time gift its charge id when charge.succeeded arrived first, as Stripe sends it", async () => {
    const session = oneTimeCheckout({ amount: 1200 });
    const charge = { id: `ch_first_${Date.now()}`, object: "charge", amount: 1200, currency: "eur", payment_intent: session.payment_intent };
    await deliver(event("charge.succeeded", charge));
    await deliver(event("checkout.session.completed", session));
    const { gifts } = await readLedger();
    expect(gifts).toMatchObject([{ stripePaymentIntentId: session.payment_intent, stripeChargeId: charge.id }]);
  });

  it("records refunds and disputes against the gift's charge", async () => {
    const session = oneTimeCheckout({ amount: 5000 });
    await deliver(event("checkout.session.completed", session));
    const charge = refundedCharge({ paymentIntent: session.payment_intent, amount: 5000, refunded: 2000 });
    await deliver(event("charge.refunded", charge));
    await deliver(event("charge.refunded", { ...charge, amount_refunded: 5000, refunded: true }));
    await deliver(event("charge.dispute.created", dispute({ charge: charge.id, paymentIntent: session.payment_intent, amount: 5000 })));
    const { gifts, refunds, disputes } = await readLedger();
    expect(gifts[0]?.stripeChargeId).toBe(charge.id);
    expect(refunds).toMatchObject([{ stripeChargeId: charge.id, amountRefunded: 5000 }]);
    expect(disputes).toMatchObject([{ stripeChargeId: charge.id, amount: 5000, status: "needs_response" }]);
  });
});

describe("POST /api/stripe/webhook: exactly once", () => {
  it("changes the ledger once when the same event arrives twice", async () => {
    const e = event("checkout.session.completed", oneTimeCheckout({ amount: 1000 }));
    expect((await deliver(e)).body.outcome).toBe("processed");
    expect((await deliver(e)).body.outcome).toBe("duplicate");
    expect((await readLedger()).gifts).toHaveLength(1);
  });

  it("changes the ledger once when the same event arrives ten times at once", async () => {
    const e = event("invoice.paid", paidInvoice({ subscription: "sub_conc", customer: "cus_conc", amount: 700, frequency: "monthly" }));
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(e)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.outcome === "processed")).toHaveLength(1);
    const ledger = await readLedger();
    expect(ledger.gifts).toHaveLength(1);
    expect(ledger.events).toBe(1);
  });

  it("does not double-count one payment reported by two different events", async () => {
    const session = oneTimeCheckout({ amount: 1500 });
    await Promise.all([deliver(event("checkout.session.completed", session)), deliver(event("checkout.session.async_payment_succeeded", session))]);
    expect((await readLedger()).gifts).toHaveLength(1);
  });

  it("ends in the right state when an invoice is paid before its checkout completes", async () => {
    const checkout = subscriptionCheckout({ amount: 12000, frequency: "annual" });
    await deliver(event("invoice.paid", paidInvoice({ subscription: checkout.subscription, customer: checkout.customer, amount: 12000, frequency: "annual" })));
    await deliver(event("checkout.session.completed", checkout));
    const { gifts, subscriptions, supporters } = await readLedger();
    expect(gifts.map((g) => [g.frequency, g.amount])).toEqual([["annual", 12000]]);
    expect(subscriptions.map((s) => [s.status, s.frequency])).toEqual([["active", "annual"]]);
    expect(supporters).toHaveLength(1);
  });

  it("links a gift to its charge whether charge.succeeded comes before or after the event that records the gift", async () => {
    const early = oneTimeCheckout({ amount: 1500 });
    const late = oneTimeCheckout({ amount: 2500 });
    const charge = (pi: string) => ({ ...refundedCharge({ paymentIntent: pi, amount: 1, refunded: 0 }), id: `ch_for_${pi}` });
    await deliver(event("charge.succeeded", charge(early.payment_intent)));
    await deliver(event("checkout.session.completed", early));
    await deliver(event("checkout.session.completed", late));
    await deliver(event("charge.succeeded", charge(late.payment_intent)));
    const { gifts } = await readLedger();
    expect(Object.fromEntries(gifts.map((g) => [g.stripePaymentIntentId, g.stripeChargeId]))).toEqual({
      [early.payment_intent]: `ch_for_${early.payment_intent}`,
      [late.payment_intent]: `ch_for_${late.payment_intent}`,
    });
  });

  it("keeps a subscription cancelled when an older update arrives after the deletion", async () => {
    const sub = subscriptionObject({ id: "sub_order", customer: "cus_order", amount: 1000, frequency: "monthly" });
    await deliver(event("customer.subscription.created", sub, { created: 1000 }));
    await deliver(event("customer.subscription.deleted", { ...sub, status: "canceled", canceled_at: 3000 }, { created: 3000 }));
    await deliver(event("customer.subscription.updated", { ...sub, cancel_at_period_end: true }, { created: 2000 }));
    await deliver(event("customer.subscription.updated", { ...sub, status: "active" }, { created: 4000 }));
    const { subscriptions } = await readLedger();
    expect(subscriptions[0]).toMatchObject({ status: "canceled", cancelAtPeriodEnd: false });
    expect(subscriptions[0]?.canceledAt?.getTime()).toBe(3000_000);
  });

  it("applies events stamped in the same second in the order they arrive", async () => {
    const sub = subscriptionObject({ id: "sub_same_second", customer: "cus_same_second", amount: 1000, frequency: "monthly" });
    await deliver(event("customer.subscription.created", sub, { created: 5000 }));
    await deliver(event("customer.subscription.updated", { ...sub, cancel_at_period_end: true }, { created: 5000 }));
    expect((await readLedger()).subscriptions[0]).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
  });

  it("applies a refund that arrives before the payment it refunds", async () => {
    const session = oneTimeCheckout({ amount: 3000 });
    const charge = refundedCharge({ paymentIntent: session.payment_intent, amount: 3000, refunded: 3000 });
    await deliver(event("charge.refunded", charge));
    await deliver(event("checkout.session.completed", session));
    const { gifts, refunds } = await readLedger();
    expect(gifts).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ stripePaymentIntentId: session.payment_intent, amountRefunded: 3000 });
  });

  it("writes nothing when a handler fails mid-way, answers 500, and succeeds once on redelivery", async () => {
    // A real database failure after the handler's first write (the supporter).
    await runSql(`create or replace function masthead_test_fail() returns trigger language plpgsql as $$
      begin if new.email = 'fail@example.org' then raise exception 'simulated failure'; end if; return new; end $$`);
    await runSql("create trigger masthead_test_fail before insert on gifts for each row execute function masthead_test_fail()");
    try {
      const e = event("checkout.session.completed", oneTimeCheckout({ amount: 4200, email: "fail@example.org" }));
      const failed = await deliver(e);
      expect(failed.status).toBe(500);
      const after = await readLedger();
      expect([after.events, after.gifts.length, after.supporters.length]).toEqual([0, 0, 0]);

      await runSql("drop trigger masthead_test_fail on gifts");
      expect((await deliver(e)).body.outcome).toBe("processed");
      expect((await deliver(e)).body.outcome).toBe("duplicate");
      const done = await readLedger();
      expect([done.events, done.gifts.length, done.supporters.length]).toEqual([1, 1, 1]);
    } finally {
      await runSql("drop trigger if exists masthead_test_fail on gifts");
    }
  });
});
