import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { createSession, type Harness, submitPayForm, TEST_SECRET, useHarness } from "./test-support";

let h: Harness;
let stripe: Stripe;
useHarness("each", (harness) => {
  h = harness;
  stripe = harness.stripe;
});

describe("hosted checkout page", () => {
  it("renders a clearly labelled, escaped, script-free form", async () => {
    const session = await createSession(stripe, "subscription", {
      customer_email: "reader@example.com",
      line_items: [
        { quantity: 1, price_data: { currency: "eur", unit_amount: 800, product_data: { name: `<script>alert("x")</script> & Co` }, recurring: { interval: "month" } } },
      ],
    });
    const response = await fetch(session.url ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("LOCAL TEST CHECKOUT</strong> — this is the Masthead Stripe emulator, not Stripe. No real money moves.");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(html).toContain("€8.00 per month");
    expect(html).toMatch(/<input id="email" name="email" type="email"[^>]*required value="reader@example.com"/);
    expect(html).toMatch(/<input id="card-number" name="card_number"[^>]*value="4242 4242 4242 4242"/);
    expect(html).toContain("4000 0000 0000 0002 is declined (generic_decline)");
    expect(html).toContain("4000 0000 0000 9995 is declined (insufficient_funds)");
    expect(html).toMatch(/<button id="pay" type="submit">Subscribe<\/button>/);
    expect(html).toContain('<a id="cancel" href="http://127.0.0.1:3000/support">← Back</a>');
    expect(html).toContain(`<form method="post" action="/pay/${session.id}">`);
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  it("shows 'Pay' or 'Donate' in payment mode and 404s for unknown sessions", async () => {
    const donate = await createSession(stripe, "payment", { submit_type: "donate" });
    expect(await (await fetch(donate.url ?? "")).text()).toContain(">Donate</button>");
    const pay = await createSession(stripe, "payment");
    expect(await (await fetch(pay.url ?? "")).text()).toContain(">Pay</button>");
    expect((await fetch(`${h.emulator.url}/pay/cs_test_nope`)).status).toBe(404);
  });
});

describe("paying in payment mode", () => {
  it("redirects 303 to success_url, completes the session and delivers verified events in order", async () => {
    const session = await createSession(stripe, "payment", {
      customer_creation: "always",
      payment_intent_data: { metadata: { frequency: "once", campaign: "spring" }, description: "One-time gift to Masthead" },
      metadata: { source: "support-page" },
    });
    const response = await submitPayForm(session, { email: "donor@example.com" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://127.0.0.1:3000/support/thanks?session_id=${session.id}`);

    // Delivered before the redirect: nothing to wait for.
    expect(h.receiver.types()).toEqual(["customer.created", "payment_intent.created", "payment_intent.succeeded", "charge.succeeded", "checkout.session.completed"]);
    expect(h.receiver.rejected).toEqual([]);
    for (const received of h.receiver.received) {
      expect(received.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(received.userAgent).toBe("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
      expect(received.contentType).toBe("application/json; charset=utf-8");
      expect(received.event).toMatchObject({ object: "event", livemode: false, pending_webhooks: 1, api_version: Stripe.API_VERSION });
      expect(received.event.id).toMatch(/^evt_/);
    }
    const completed = h.receiver.received.at(-1)?.event as Stripe.CheckoutSessionCompletedEvent;
    expect(completed.data.object).toMatchObject({ id: session.id, status: "complete", payment_status: "paid", metadata: { source: "support-page" } });
    expect(completed.request).toEqual({ id: null, idempotency_key: null });

    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent", "payment_intent.latest_charge"] });
    expect(retrieved).toMatchObject({ status: "complete", payment_status: "paid", url: null, customer_details: { email: "donor@example.com", name: null } });
    expect(retrieved.customer).toMatch(/^cus_/);
    const pi = retrieved.payment_intent as Stripe.PaymentIntent;
    expect(pi).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 1500,
      amount_received: 1500,
      currency: "usd",
      customer: retrieved.customer,
      metadata: { frequency: "once", campaign: "spring" },
      description: "One-time gift to Masthead",
    });
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({
      object: "charge",
      status: "succeeded",
      paid: true,
      amount: 1500,
      amount_refunded: 0,
      refunded: false,
      disputed: false,
      receipt_email: "donor@example.com",
      billing_details: { email: "donor@example.com" },
      metadata: { frequency: "once", campaign: "spring" },
      payment_intent: pi.id,
    });
    expect((charge as unknown as { invoice: unknown }).invoice).toBeNull();

    expect(h.emulator.payments()).toEqual([
      expect.objectContaining({ chargeId: charge.id, paymentIntentId: pi.id, checkoutSessionId: session.id, customerId: retrieved.customer, amount: 1500, currency: "usd", refunded: false }),
    ]);
    const listed = await stripe.checkout.sessions.list({ payment_intent: pi.id });
    expect(listed.data.map((s) => s.id)).toEqual([session.id]);
    expect((await stripe.charges.list({ payment_intent: pi.id })).data.map((c) => c.id)).toEqual([charge.id]);
  });

  it("leaves a guest payment without a customer unless customer_creation=always, as Stripe does", async () => {
    const session = await createSession(stripe, "payment");
    await submitPayForm(session, { email: "guest@example.com" });
    expect(h.receiver.types()).toEqual(["payment_intent.created", "payment_intent.succeeded", "charge.succeeded", "checkout.session.completed"]);
    const retrieved = await stripe.checkout.sessions.retrieve(session.id);
    expect(retrieved.customer).toBeNull();
    expect(retrieved.customer_details?.email).toBe("guest@example.com");
    expect(h.emulator.payments()[0]?.customerId).toBeNull();
  });

  it("declines a declined card with 402, no events, and the session still open", async () => {
    const session = await createSession(stripe, "payment");
    for (const card of ["4000 0000 0000 0002", "4000000000009995"]) {
      const response = await submitPayForm(session, { card_number: card, email: "x@example.com" });
      expect(response.status).toBe(402);
      const html = await response.text();
      expect(html).toMatch(/<div class="error" id="form-error" role="alert">Your card was declined/);
      expect(html).toContain('value="x@example.com"');
    }
    const invalid = await submitPayForm(session, { card_number: "1234" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("Your card number is incorrect.");
    const noEmail = await submitPayForm(session, { email: " " });
    expect(noEmail.status).toBe(400);
    expect(h.emulator.events()).toHaveLength(0);
    expect(h.receiver.received).toHaveLength(0);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe("open");
    expect(h.emulator.payments()).toHaveLength(0);
  });

  it("charges once when the form is submitted twice, even concurrently", async () => {
    const session = await createSession(stripe, "payment", { customer_creation: "always" });
    const [a, b] = await Promise.all([submitPayForm(session), submitPayForm(session)]);
    const c = await submitPayForm(session);
    for (const response of [a, b, c]) {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toContain(session.id);
    }
    expect(h.emulator.payments()).toHaveLength(1);
    expect(h.receiver.types().filter((t) => t === "checkout.session.completed")).toHaveLength(1);
    const page = await fetch(session.url ?? `${h.emulator.url}/pay/${session.id}`);
    expect(await page.text()).toContain("already complete");
  });

  it("shows expired sessions clearly and refuses to pay them", async () => {
    const session = await createSession(stripe, "payment");
    await stripe.checkout.sessions.expire(session.id);
    const url = `${h.emulator.url}/pay/${session.id}`;
    const page = await fetch(url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This checkout session has expired.");
    const attempt = await submitPayForm({ url });
    expect(attempt.status).toBe(410);
    expect(h.emulator.payments()).toHaveLength(0);
  });

  it("percent-encodes a non-ASCII success_url in the redirect", async () => {
    const session = await createSession(stripe, "payment", { success_url: "http://127.0.0.1:3000/merci/ça va?id={CHECKOUT_SESSION_ID}" });
    const response = await submitPayForm(session);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`http://127.0.0.1:3000/merci/%C3%A7a%20va?id=${session.id}`);
  });

  it("reuses the customer given on the session and prefills their email", async () => {
    const customer = await stripe.customers.create({ email: "known@example.com" });
    const session = await createSession(stripe, "payment", { customer: customer.id });
    expect(await (await fetch(session.url ?? "")).text()).toContain('value="known@example.com"');
    await submitPayForm(session, { email: "known@example.com" });
    expect(h.receiver.types()).not.toContain("customer.created");
    expect((await stripe.checkout.sessions.retrieve(session.id)).customer).toBe(customer.id);
    expect((await stripe.charges.list({ customer: customer.id })).data).toHaveLength(1);
  });
});

describe("paying in subscription mode", () => {
  it("creates subscription, invoice and charge; invoice.paid arrives before checkout.session.completed", async () => {
    const session = await createSession(stripe, "subscription", {
      subscription_data: { metadata: { frequency: "monthly" }, description: "Monthly membership" },
      metadata: { source: "support-page" },
    });
    const response = await submitPayForm(session, { email: "member@example.com" });
    expect(response.status).toBe(303);
    expect(h.receiver.types()).toEqual([
      "customer.created",
      "customer.subscription.created",
      "invoice.created",
      "invoice.finalized",
      "payment_intent.succeeded",
      "charge.succeeded",
      "invoice.paid",
      "invoice.payment_succeeded",
      "checkout.session.completed",
    ]);
    expect(h.receiver.rejected).toEqual([]);

    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["subscription"] });
    expect(retrieved).toMatchObject({ status: "complete", payment_status: "paid", payment_intent: null });
    const subscription = retrieved.subscription as Stripe.Subscription;
    expect(subscription).toMatchObject({
      object: "subscription",
      status: "active",
      customer: retrieved.customer,
      metadata: { frequency: "monthly" },
      description: "Monthly membership",
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
    });
    const item = subscription.items.data[0];
    expect(item?.price).toMatchObject({ unit_amount: 1500, currency: "usd", recurring: { interval: "month", interval_count: 1 }, type: "recurring" });
    expect(item?.current_period_start).toBe(subscription.start_date);
    const start = new Date((item?.current_period_start ?? 0) * 1000);
    const end = new Date((item?.current_period_end ?? 0) * 1000);
    expect((end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth()).toBe(1);

    const invoice = await stripe.invoices.retrieve(String(subscription.latest_invoice));
    expect(invoice).toMatchObject({
      object: "invoice",
      status: "paid",
      amount_paid: 1500,
      amount_due: 1500,
      currency: "usd",
      customer: retrieved.customer,
      customer_email: "member@example.com",
      billing_reason: "subscription_create",
      hosted_invoice_url: null,
      parent: { type: "subscription_details", subscription_details: { subscription: subscription.id, metadata: { frequency: "monthly" } } },
    });
    expect(invoice.status_transitions.paid_at).toEqual(expect.any(Number));
    expect(invoice.lines.data[0]).toMatchObject({ amount: 1500, period: { start: item?.current_period_start, end: item?.current_period_end } });
    const invoicePayment = invoice.payments?.data[0]?.payment;
    expect(invoicePayment?.type).toBe("payment_intent");
    expect(invoice).not.toHaveProperty("payment_intent");
    expect(invoice).not.toHaveProperty("charge");
    // As with Stripe's current API, the invoice's charge is found through its payment intent.
    const [charge] = (await stripe.charges.list({ payment_intent: String(invoicePayment?.payment_intent) })).data;
    expect(charge).toMatchObject({ status: "succeeded", amount: 1500, customer: retrieved.customer, payment_intent: invoicePayment?.payment_intent });
    expect((charge as unknown as { invoice: string }).invoice).toBe(invoice.id);
    expect(retrieved.invoice).toBe(invoice.id);

    const paid = h.receiver.received.find((r) => r.event.type === "invoice.paid")?.event as Stripe.InvoicePaidEvent;
    expect(paid.data.object.id).toBe(invoice.id);
    const created = h.receiver.received.find((r) => r.event.type === "invoice.created")?.event as Stripe.InvoiceCreatedEvent;
    expect(created.data.object.status).toBe("draft");

    expect(h.emulator.payments()).toEqual([
      expect.objectContaining({ chargeId: charge?.id, invoiceId: invoice.id, subscriptionId: subscription.id, checkoutSessionId: session.id, amount: 1500 }),
    ]);
    expect((await stripe.subscriptions.list({ customer: String(retrieved.customer) })).data.map((s) => s.id)).toEqual([subscription.id]);
    expect((await stripe.invoices.list({ subscription: subscription.id })).data.map((i) => i.id)).toEqual([invoice.id]);
    expect((await stripe.checkout.sessions.list({ subscription: subscription.id })).data.map((s) => s.id)).toEqual([session.id]);
  });

  it("signs every delivery so the real SDK verifies it, and rejects a wrong secret", async () => {
    const session = await createSession(stripe, "subscription");
    await submitPayForm(session);
    const verifier = new Stripe("sk_test_x");
    for (const { raw, signature } of h.receiver.received) {
      expect(verifier.webhooks.constructEvent(raw, signature, TEST_SECRET).id).toMatch(/^evt_/);
      expect(() => verifier.webhooks.constructEvent(raw, signature, "whsec_wrong")).toThrow(Stripe.errors.StripeSignatureVerificationError);
      expect(() => verifier.webhooks.constructEvent(raw.replace(`"livemode": false`, `"livemode": true`), signature, TEST_SECRET)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    }
  });
});
