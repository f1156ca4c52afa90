import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { control, createSession, type Harness, submitPayForm, useHarness, waitFor } from "./test-support";

let h: Harness;
let stripe: Stripe;
useHarness("each", (harness) => {
  h = harness;
  stripe = harness.stripe;
});

async function subscribe(): Promise<{ subscription: Stripe.Subscription; customerId: string }> {
  const session = await createSession(stripe, "subscription", { subscription_data: { metadata: { frequency: "monthly" } } });
  await submitPayForm(session, { email: "member@example.com" });
  const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription"] });
  h.receiver.received.length = 0;
  return { subscription: retrieved.subscription as Stripe.Subscription, customerId: String(retrieved.customer) };
}

async function payOnce(): Promise<Stripe.Charge> {
  const session = await createSession(stripe, "payment", { customer_creation: "always" });
  await submitPayForm(session);
  const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent.latest_charge"] });
  h.receiver.received.length = 0;
  return (retrieved.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
}

describe("renewals", () => {
  it("starts a new period with a paid subscription_cycle invoice", async () => {
    const { subscription } = await subscribe();
    const firstItem = subscription.items.data[0];
    const { status, json } = await control(h.emulator, `/_emulator/subscriptions/${subscription.id}/renew`);
    expect(status).toBe(200);
    expect(h.receiver.types()).toEqual(["invoice.created", "invoice.finalized", "payment_intent.succeeded", "charge.succeeded", "invoice.paid", "invoice.payment_succeeded"]);
    const invoice = (json as { invoice: Stripe.Invoice }).invoice;
    expect(invoice).toMatchObject({ status: "paid", billing_reason: "subscription_cycle", amount_paid: 1500 });
    const paid = h.receiver.received.find((r) => r.event.type === "invoice.paid")?.event as Stripe.InvoicePaidEvent;
    expect(paid.data.object.id).toBe(invoice.id);
    expect(paid.data.object.parent?.subscription_details?.subscription).toBe(subscription.id);

    const renewed = await stripe.subscriptions.retrieve(subscription.id);
    expect(renewed.latest_invoice).toBe(invoice.id);
    expect(renewed.items.data[0]?.current_period_start).toBe(firstItem?.current_period_end);
    expect(invoice.lines.data[0]?.period.start).toBe(firstItem?.current_period_end);
    expect(h.emulator.payments().filter((p) => p.subscriptionId === subscription.id)).toHaveLength(2);
    expect((await stripe.invoices.list({ subscription: subscription.id, status: "paid" })).data).toHaveLength(2);
  });

  it("with fail=true emits invoice.payment_failed and leaves the subscription past_due", async () => {
    const { subscription } = await subscribe();
    const { status } = await control(h.emulator, `/_emulator/subscriptions/${subscription.id}/renew`, { fail: true });
    expect(status).toBe(200);
    expect(h.receiver.types()).toEqual(["invoice.created", "invoice.finalized", "payment_intent.payment_failed", "invoice.payment_failed", "customer.subscription.updated"]);
    const updated = h.receiver.received.at(-1)?.event as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(updated.data.object.status).toBe("past_due");
    expect(updated.data.previous_attributes).toEqual({ status: "active" });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");
    expect(h.emulator.payments().filter((p) => p.subscriptionId === subscription.id)).toHaveLength(1);
    expect((await stripe.invoices.list({ subscription: subscription.id, status: "open" })).data).toHaveLength(1);

    // A later successful renewal recovers it.
    const form = await fetch(`${h.emulator.url}/_emulator/subscriptions/${subscription.id}/renew`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "fail=false",
    });
    expect(form.status).toBe(200);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
  });

  it("retries the same open invoice, in Stripe's order, and a paid retry makes the subscription active", async () => {
    const { subscription } = await subscribe();
    await control(h.emulator, `/_emulator/subscriptions/${subscription.id}/renew`, { fail: true });
    const [open] = (await stripe.invoices.list({ subscription: subscription.id, status: "open" })).data;
    const before = h.receiver.received.length;
    expect((await control(h.emulator, `/_emulator/invoices/${open!.id}/retry`, { fail: true })).status).toBe(200);
    expect(h.receiver.types().slice(before)).toEqual(["payment_intent.payment_failed", "invoice.payment_failed"]);
    expect((await control(h.emulator, `/_emulator/invoices/${open!.id}/retry`)).status).toBe(200);
    expect(h.receiver.types().slice(before + 2)).toEqual(["payment_intent.succeeded", "charge.succeeded", "invoice.paid", "invoice.payment_succeeded", "customer.subscription.updated"]);
    expect(await stripe.invoices.retrieve(open!.id)).toMatchObject({ status: "paid", attempt_count: 3 });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
    const again = await control(h.emulator, `/_emulator/invoices/${open!.id}/retry`);
    expect(again.status).toBe(400);
  });

  it("answers 404 for unknown subscriptions", async () => {
    const { status, json } = await control(h.emulator, "/_emulator/subscriptions/sub_nope/renew");
    expect(status).toBe(404);
    expect(json).toMatchObject({ error: { type: "invalid_request_error", code: "resource_missing" } });
  });
});

describe("refunds", () => {
  it("refunds partially then fully, emitting charge.refunded and refund.created", async () => {
    const charge = await payOnce();
    const partial = await stripe.refunds.create({ charge: charge.id, amount: 500, reason: "requested_by_customer" });
    expect(partial).toMatchObject({ object: "refund", amount: 500, charge: charge.id, status: "succeeded", currency: "usd", reason: "requested_by_customer" });
    await waitFor(() => h.receiver.received.length >= 2);
    expect(h.receiver.types()).toEqual(["charge.refunded", "refund.created"]);
    const refunded = h.receiver.received[0]?.event as Stripe.ChargeRefundedEvent;
    expect(refunded.data.object).toMatchObject({ id: charge.id, amount_refunded: 500, refunded: false });
    expect(refunded.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
    expect(refunded.request?.id).toMatch(/^req_/);
    expect(refunded.request?.idempotency_key).toMatch(/^stripe-node-retry-/);

    const tooMuch = await stripe.refunds.create({ charge: charge.id, amount: 1001 }).catch((e: unknown) => e as Stripe.errors.StripeError);
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((tooMuch as Stripe.errors.StripeError).param).toBe("amount");

    const rest = await stripe.refunds.create({ payment_intent: String(charge.payment_intent) });
    expect(rest.amount).toBe(1000);
    expect(await stripe.charges.retrieve(charge.id)).toMatchObject({ amount_refunded: 1500, refunded: true });
    expect(h.emulator.payments()[0]).toMatchObject({ refunded: true, amountRefunded: 1500 });
    const again = await stripe.refunds.create({ charge: charge.id }).catch((e: unknown) => e as Stripe.errors.StripeError);
    expect((again as Stripe.errors.StripeError).code).toBe("charge_already_refunded");

    const listed = await stripe.refunds.list({ charge: charge.id });
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, partial.id]);
    expect((await stripe.refunds.retrieve(partial.id)).amount).toBe(500);
    const expanded = await stripe.charges.retrieve(charge.id, { expand: ["refunds"] });
    expect(expanded.refunds?.data).toHaveLength(2);
  });
});

describe("disputes", () => {
  it("emits charge.dispute.created with a needs_response dispute", async () => {
    const charge = await payOnce();
    const { status, json } = await control(h.emulator, `/_emulator/charges/${charge.id}/dispute`);
    expect(status).toBe(200);
    expect(json).toMatchObject({ object: "dispute", charge: charge.id, amount: 1500, currency: "usd", reason: "fraudulent", status: "needs_response" });
    expect((json as { id: string }).id).toMatch(/^dp_/);
    expect(h.receiver.types()).toEqual(["charge.dispute.created"]);
    const event = h.receiver.received[0]?.event as Stripe.ChargeDisputeCreatedEvent;
    expect(event.data.object.charge).toBe(charge.id);
    expect((await stripe.charges.retrieve(charge.id)).disputed).toBe(true);
    expect(h.emulator.payments()[0]?.disputed).toBe(true);
  });
});

describe("cancelling subscriptions", () => {
  it("cancel_at_period_end via the API emits customer.subscription.updated; renewal then ends it", async () => {
    const { subscription } = await subscribe();
    const updated = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true, metadata: { reason: "moving" } });
    expect(updated).toMatchObject({ cancel_at_period_end: true, status: "active", metadata: { frequency: "monthly", reason: "moving" } });
    expect(updated.cancel_at).toBe(subscription.items.data[0]?.current_period_end);
    expect(updated.canceled_at).toEqual(expect.any(Number));
    await waitFor(() => h.receiver.received.length >= 1);
    const event = h.receiver.received[0]?.event as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(event.type).toBe("customer.subscription.updated");
    expect(event.data.object.cancel_at_period_end).toBe(true);
    expect(event.data.previous_attributes).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null, metadata: { frequency: "monthly" } });

    await control(h.emulator, `/_emulator/subscriptions/${subscription.id}/renew`);
    expect(h.receiver.types()).toEqual(["customer.subscription.updated", "customer.subscription.deleted"]);
    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended).toMatchObject({ status: "canceled", ended_at: subscription.items.data[0]?.current_period_end });
    expect((await stripe.subscriptions.list({ customer: subscription.customer as string })).data).toHaveLength(0);
    expect((await stripe.subscriptions.list({ customer: subscription.customer as string, status: "all" })).data).toHaveLength(1);
  });

  it("DELETE cancels now and emits customer.subscription.deleted", async () => {
    const { subscription } = await subscribe();
    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({ status: "canceled", cancellation_details: { reason: "cancellation_requested" } });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
    expect(canceled.ended_at).toEqual(expect.any(Number));
    await waitFor(() => h.receiver.received.length >= 1);
    expect(h.receiver.types()).toEqual(["customer.subscription.deleted"]);
    expect((await stripe.subscriptions.list({ status: "canceled" })).data.map((s) => s.id)).toEqual([subscription.id]);
    const twice = await stripe.subscriptions.cancel(subscription.id).catch((e: unknown) => e as Stripe.errors.StripeError);
    expect(twice).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const missing = await stripe.subscriptions.retrieve("sub_nope").catch((e: unknown) => e as Stripe.errors.StripeError);
    expect((missing as Stripe.errors.StripeError).statusCode).toBe(404);
  });

  it("the billing portal page lists subscriptions and its buttons cancel at period end or now", async () => {
    const { subscription, customerId } = await subscribe();
    const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: "http://127.0.0.1:3000/account?x=<y>" });
    const page = await fetch(portal.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("LOCAL TEST BILLING PORTAL</strong> — this is the Masthead Stripe emulator, not Stripe.");
    expect(html).toContain("Monthly membership");
    expect(html).toContain("$15.00 per month");
    expect(html).toContain(`id="cancel-${subscription.id}"`);
    expect(html).toContain(`id="cancel-now-${subscription.id}"`);
    expect(html).toContain('href="http://127.0.0.1:3000/account?x=&lt;y&gt;"');

    const action = `${h.emulator.url}/portal/${portal.id}/subscriptions/${subscription.id}`;
    const post = (value: string) => fetch(action, { method: "POST", body: new URLSearchParams({ action: value }), redirect: "manual" });
    const cancel = await post("cancel");
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toBe(`/portal/${portal.id}?updated=cancel`);
    expect(h.receiver.types()).toEqual(["customer.subscription.updated"]);
    const event = h.receiver.received[0]?.event as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(event.data.object.cancel_at_period_end).toBe(true);
    expect(await (await fetch(`${h.emulator.url}/portal/${portal.id}?updated=cancel`)).text()).toContain("will be canceled at the end of the current period");

    await post("cancel_now");
    expect(h.receiver.types()).toEqual(["customer.subscription.updated", "customer.subscription.deleted"]);
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("canceled");

    const stranger = await stripe.customers.create({ email: "stranger@example.com" });
    const otherPortal = await stripe.billingPortal.sessions.create({ customer: stranger.id });
    const forbidden = await fetch(`${h.emulator.url}/portal/${otherPortal.id}/subscriptions/${subscription.id}`, {
      method: "POST",
      body: new URLSearchParams({ action: "cancel_now" }),
      redirect: "manual",
    });
    expect(forbidden.status).toBe(404);
  });
});

describe("other reads", () => {
  it("lists charges and invoices by customer, payment intent and created", async () => {
    const { subscription, customerId } = await subscribe();
    const invoices = await stripe.invoices.list({ customer: customerId });
    expect(invoices.data).toHaveLength(1);
    const invoice = invoices.data[0];
    const piId = invoice?.payments?.data[0]?.payment.payment_intent;
    expect(piId).toMatch(/^pi_/);
    const charges = await stripe.charges.list({ payment_intent: piId as string, expand: ["data.payment_intent"] });
    expect(charges.data.map((c) => c.amount)).toEqual([1500]);
    expect(charges.data[0]?.payment_intent).toMatchObject({ status: "succeeded", amount: 1500, customer: customerId });
    const now = Math.floor(Date.now() / 1000);
    expect((await stripe.charges.list({ customer: customerId, created: { gte: now - 60 } })).data).toHaveLength(1);
    expect((await stripe.invoices.list({ created: { gt: now + 60 } })).data).toHaveLength(0);
    const expanded = await stripe.subscriptions.retrieve(subscription.id, { expand: ["latest_invoice", "customer"] });
    expect((expanded.latest_invoice as Stripe.Invoice).id).toBe(invoice?.id);
    expect((expanded.customer as Stripe.Customer).email).toBe("member@example.com");
    const badExpand = await stripe.subscriptions.retrieve(subscription.id, { expand: ["status"] }).catch((e: unknown) => e as Stripe.errors.StripeError);
    expect((badExpand as Stripe.errors.StripeError).param).toBe("expand");
  });
});

describe("supporter changes through subscriptions.update", () => {
  it("pauses collection (renewals are voided, nothing charged), resumes by itself when resumes_at has passed, and resumes with an empty string", async () => {
    const { subscription } = await subscribe();
    const period = subscription.items.data[0]!;
    const resumesAt = period.current_period_end + 20 * 86_400;
    const paused = await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: "void", resumes_at: resumesAt } });
    expect(paused.pause_collection).toEqual({ behavior: "void", resumes_at: resumesAt });
    await waitFor(() => h.receiver.received.length >= 1);
    const updated = h.receiver.received.at(-1)?.event as Stripe.CustomerSubscriptionUpdatedEvent;
    expect(updated.data.previous_attributes).toEqual({ pause_collection: null });
    h.receiver.received.length = 0;

    const first = await control(h.emulator, `/_emulator/subscriptions/${subscription.id}/renew`);
    expect((first.json as { invoice: Stripe.Invoice }).invoice.status).toBe("void");
    expect(h.receiver.types()).toEqual(["invoice.created", "invoice.voided"]);
    h.receiver.received.length = 0;
    // The next period starts after resumes_at: the pause ends and the period is billed.
    await control(h.emulator, `/_emulator/subscriptions/${subscription.id}/renew`);
    expect(h.receiver.types()).toContain("invoice.paid");
    expect(h.receiver.types()[0]).toBe("customer.subscription.updated");
    expect((await stripe.subscriptions.retrieve(subscription.id)).pause_collection).toBeNull();

    await stripe.subscriptions.update(subscription.id, { pause_collection: { behavior: "void" } });
    expect((await stripe.subscriptions.update(subscription.id, { pause_collection: "" })).pause_collection).toBeNull();
    expect(h.emulator.payments().filter((p) => p.subscriptionId === subscription.id)).toHaveLength(2);
  });

  it("changes the amount from the next invoice without a charge, and a new interval restarts the period with a paid invoice", async () => {
    const { subscription } = await subscribe();
    const item = subscription.items.data[0]!;
    const product = item.price.product as string;
    const changed = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price_data: { currency: item.price.currency, product, unit_amount: 2200, recurring: { interval: "month" } } }],
      proration_behavior: "none",
    });
    expect(changed.items.data[0]?.price.unit_amount).toBe(2200);
    expect(changed.items.data[0]?.current_period_end).toBe(item.current_period_end);
    await waitFor(() => h.receiver.received.length >= 1);
    expect(h.receiver.types()).toEqual(["customer.subscription.updated"]);
    expect(h.emulator.payments().filter((p) => p.subscriptionId === subscription.id)).toHaveLength(1);
    h.receiver.received.length = 0;

    const annual = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price_data: { currency: item.price.currency, product, unit_amount: 20000, recurring: { interval: "year" } } }],
      proration_behavior: "none",
    });
    expect(annual.items.data[0]?.price.recurring?.interval).toBe("year");
    await waitFor(() => h.receiver.received.length >= 7);
    expect(h.receiver.types()).toEqual(["customer.subscription.updated", "invoice.created", "invoice.finalized", "payment_intent.succeeded", "charge.succeeded", "invoice.paid", "invoice.payment_succeeded"]);
    const paid = h.receiver.received.find((r) => r.event.type === "invoice.paid")?.event as Stripe.InvoicePaidEvent;
    expect(paid.data.object).toMatchObject({ billing_reason: "subscription_update", amount_paid: 20000 });

    await expect(stripe.subscriptions.update(subscription.id, { items: [{ id: "si_nothere", price_data: { currency: "eur", product, unit_amount: 100, recurring: { interval: "month" } } }] })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      param: "items[0][id]",
    });
    await expect(stripe.subscriptions.update(subscription.id, { items: [{ id: item.id, price_data: { currency: "jpy", product, unit_amount: 100, recurring: { interval: "month" } } }] })).rejects.toMatchObject({ type: "StripeInvalidRequestError" });
  });
});
