import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { startStripeEmulator } from "./index";
import { clientFor, control, createSession, type Harness, startHarness, TEST_KEY, useHarness } from "./test-support";

let h: Harness;
let stripe: Stripe;
useHarness("file", (harness) => {
  h = harness;
  stripe = harness.stripe;
});

async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (error) {
    return error as Stripe.errors.StripeError;
  }
  throw new Error("expected the request to fail");
}

describe("authentication and errors", () => {
  it("answers 401 in Stripe's shape without a Bearer key, with a bad key, or a live key", async () => {
    for (const authorization of [undefined, "Bearer pk_test_abc", "Bearer sk_live_abc", "Bearer ", "Basic Zm9vOmJhcg==", "Bearer sk_test_x forged"]) {
      for (const path of ["/v1/products", "/v1/checkout/sessions", "/v1/events", "/v1/nope"]) {
        const response = await fetch(`${h.emulator.url}${path}`, { headers: authorization ? { Authorization: authorization } : {} });
        expect(response.status, `${authorization} ${path}`).toBe(401);
        expect(response.headers.get("request-id")).toMatch(/^req_/);
        const body = (await response.json()) as { error: { type: string; message: string } };
        expect(body.error.type).toBe("invalid_request_error");
        expect(body.error.message).toMatch(/API key/i);
      }
    }
    const forged = await fetch(`${h.emulator.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "mode=payment",
    });
    expect(forged.status).toBe(401);
    const bad = new Stripe("sk_live_nope", { host: "127.0.0.1", port: h.emulator.port, protocol: "http", maxNetworkRetries: 0 });
    expect(await rejection(bad.products.list())).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("accepts HTTP Basic auth with the key as the user name, as Stripe does", async () => {
    const response = await fetch(`${h.emulator.url}/v1/products`, { headers: { Authorization: `Basic ${Buffer.from(`${TEST_KEY}:`).toString("base64")}` } });
    expect(response.status).toBe(200);
  });

  it("answers unknown endpoints with a 404 invalid_request_error", async () => {
    const response = await fetch(`${h.emulator.url}/v1/coupons`, { headers: { Authorization: `Bearer ${TEST_KEY}` } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toContain("Unrecognized request URL (GET: /v1/coupons)");
    const other = await fetch(`${h.emulator.url}/nowhere`);
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toContain("application/json");
  });

  it("turns malformed bodies, unknown parameters and oversized bodies into Stripe-style errors", async () => {
    const post = (body: string, contentType = "application/x-www-form-urlencoded") =>
      fetch(`${h.emulator.url}/v1/customers`, { method: "POST", headers: { Authorization: `Bearer ${TEST_KEY}`, "Content-Type": contentType }, body });
    const malformed = await post("email=%E0%A4%A");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    expect((await post("a[b=1")).status).toBe(400);
    expect((await post('{"email":"x@example.com"}', "application/json")).status).toBe(400);
    const huge = await post(`description=${"x".repeat(1024 * 1024 + 10)}`);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toContain("too large");

    const unknown = await rejection(stripe.customers.create({ email: "a@example.com", favourite_colour: "red" } as Stripe.CustomerCreateParams));
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(unknown.code).toBe("parameter_unknown");
    expect(unknown.param).toBe("favourite_colour");
    const nested = await rejection(stripe.customers.create({ metadata: { a: { b: "c" } } } as unknown as Stripe.CustomerCreateParams));
    expect(nested.param).toBe("metadata");
    const email = await rejection(stripe.customers.create({ email: "not-an-email" }));
    expect(email.code).toBe("email_invalid");
    expect(email.param).toBe("email");
  });

  it("still answers after all that", async () => {
    const response = await fetch(`${h.emulator.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });
});

describe("products", () => {
  it("creates with a chosen id, retrieves, and refuses a taken id", async () => {
    const product = await stripe.products.create({
      id: "masthead-membership",
      name: "Masthead membership",
      description: "Support independent journalism",
      statement_descriptor: "MASTHEAD NEWS",
      metadata: { kind: "membership" },
    });
    expect(product).toMatchObject({
      id: "masthead-membership",
      object: "product",
      name: "Masthead membership",
      active: true,
      livemode: false,
      metadata: { kind: "membership" },
      statement_descriptor: "MASTHEAD NEWS",
    });
    expect(typeof product.created).toBe("number");
    expect(product.lastResponse.requestId).toMatch(/^req_/);

    const again = await stripe.products.retrieve("masthead-membership");
    expect(again.name).toBe("Masthead membership");

    const taken = await rejection(stripe.products.create({ id: "masthead-membership", name: "Dup" }));
    expect(taken).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(taken.code).toBe("resource_already_exists");
    expect(taken.statusCode).toBe(400);

    const missing = await rejection(stripe.products.retrieve("prod_missing"));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe("resource_missing");
    expect(missing.param).toBe("id");
    expect(missing.message).toBe("No such product: 'prod_missing'");

    const noName = await rejection(stripe.products.create({} as Stripe.ProductCreateParams));
    expect(noName.code).toBe("parameter_missing");
    expect(noName.param).toBe("name");
    const descriptor = await rejection(stripe.products.create({ name: "x", statement_descriptor: "<bad>" }));
    expect(descriptor.param).toBe("statement_descriptor");
  });
});

describe("customers", () => {
  it("creates, retrieves and lists customers by email", async () => {
    const customer = await stripe.customers.create({ email: "reader@example.com", name: "Ada", metadata: { source: "test" } });
    expect(customer).toMatchObject({ object: "customer", email: "reader@example.com", name: "Ada", metadata: { source: "test" }, livemode: false });
    expect(customer.id).toMatch(/^cus_/);
    await stripe.customers.create({ email: "other@example.com" });
    const found = await stripe.customers.list({ email: "reader@example.com" });
    expect(found.data.map((c) => c.id)).toEqual([customer.id]);
    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({ id: customer.id, email: "reader@example.com" });
    expect((await rejection(stripe.customers.retrieve("cus_nope"))).statusCode).toBe(404);
  });
});

describe("checkout sessions", () => {
  it("creates a payment-mode session the SDK sees as Stripe-shaped", async () => {
    const session = await createSession(stripe, "payment", {
      submit_type: "donate",
      customer_email: "donor@example.com",
      metadata: { campaign: "spring" },
      payment_intent_data: { metadata: { frequency: "once" }, description: "Gift", statement_descriptor_suffix: "GIFT" },
      client_reference_id: "user_42",
      billing_address_collection: "auto",
      locale: "en",
      // Not in the 2026 SDK types any more, but still sent by older integrations.
      ...({ payment_method_types: ["card"] } as object),
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: 1500,
      amount_subtotal: 1500,
      currency: "usd",
      metadata: { campaign: "spring" },
      customer: null,
      customer_email: "donor@example.com",
      customer_details: null,
      payment_intent: null,
      subscription: null,
      submit_type: "donate",
      client_reference_id: "user_42",
      success_url: "http://127.0.0.1:3000/support/thanks?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://127.0.0.1:3000/support",
      livemode: false,
      url: `${h.emulator.url}/pay/${session.id}`,
    });
    expect(session.expires_at).toBeGreaterThan(session.created + 23 * 3600);

    const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ["line_items", "line_items.data.price.product"] });
    expect(retrieved.line_items?.data).toHaveLength(1);
    expect(retrieved.line_items?.data[0]).toMatchObject({ object: "item", amount_total: 1500, quantity: 1, description: "One-time gift" });
    expect(retrieved.line_items?.data[0]?.price?.unit_amount).toBe(1500);
    expect(retrieved.line_items?.data[0]?.price?.product).toMatchObject({ object: "product", name: "One-time gift" });
  });

  it("creates a subscription-mode session for an existing customer", async () => {
    const customer = await stripe.customers.create({ email: "sub@example.com" });
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer: customer.id,
      line_items: [{ price_data: { product_data: { name: "Yearly" }, currency: "gbp", unit_amount: 6000, recurring: { interval: "year" } }, quantity: 1 }],
      success_url: "http://127.0.0.1:3000/thanks",
      subscription_data: { metadata: { frequency: "yearly" }, description: "Yearly membership" },
    });
    expect(session).toMatchObject({ mode: "subscription", customer: customer.id, currency: "gbp", amount_total: 6000, subscription: null, status: "open" });
    const expanded = await stripe.checkout.sessions.retrieve(session.id, { expand: ["customer"] });
    expect((expanded.customer as Stripe.Customer).email).toBe("sub@example.com");
  });

  it("validates like Stripe and the SDK surfaces StripeInvalidRequestError with param and code", async () => {
    const cases: Array<[Promise<unknown>, string, string | undefined]> = [
      [stripe.checkout.sessions.create({ success_url: "http://x.test/" } as Stripe.Checkout.SessionCreateParams), "mode", "parameter_missing"],
      [stripe.checkout.sessions.create({ mode: "payment", line_items: [{ price: "price_x", quantity: 1 }] }), "success_url", "parameter_missing"],
      [createSession(stripe, "payment", { success_url: "not a url" }), "success_url", "url_invalid"],
      [createSession(stripe, "subscription", { submit_type: "donate" }), "submit_type", undefined],
      [createSession(stripe, "payment", { line_items: [] }), "line_items", "parameter_missing"],
      [createSession(stripe, "payment", { mode: "bogus" as "payment" }), "mode", undefined],
      [
        createSession(stripe, "payment", {
          line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 500, product_data: { name: "x" }, recurring: { interval: "month" } } }],
        }),
        "line_items[0][price_data][recurring]",
        undefined,
      ],
      [
        createSession(stripe, "subscription", { line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 500, product_data: { name: "x" } } }] }),
        "line_items[0][price_data][recurring]",
        undefined,
      ],
      [
        createSession(stripe, "payment", { line_items: [{ quantity: 1, price_data: { currency: "usdx", unit_amount: 500, product_data: { name: "x" } } }] }),
        "line_items[0][price_data][currency]",
        "parameter_invalid_string",
      ],
      [
        createSession(stripe, "payment", { line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: -5, product_data: { name: "x" } } }] }),
        "line_items[0][price_data][unit_amount]",
        "parameter_invalid_integer",
      ],
      [
        createSession(stripe, "payment", { line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 9.99, product_data: { name: "x" } } }] }),
        "line_items[0][price_data][unit_amount]",
        "parameter_invalid_integer",
      ],
      [
        createSession(stripe, "payment", { line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 20, product_data: { name: "x" } } }] }),
        "line_items",
        "amount_too_small",
      ],
      [
        createSession(stripe, "payment", { line_items: [{ price_data: { currency: "usd", unit_amount: 500, product_data: { name: "x" } } }] }),
        "line_items[0][quantity]",
        "parameter_missing",
      ],
      [createSession(stripe, "payment", { line_items: [{ price: "price_missing", quantity: 1 }] }), "line_items[0][price]", "resource_missing"],
      [createSession(stripe, "payment", { customer: "cus_missing" }), "customer", "resource_missing"],
      [createSession(stripe, "payment", { customer_email: "x@example.com", customer: "cus_x" }), "customer", "parameters_exclusive"],
      [createSession(stripe, "payment", { expires_at: Math.floor(Date.now() / 1000) + 60 }), "expires_at", undefined],
      [createSession(stripe, "payment", { subscription_data: { metadata: { a: "b" } } }), "subscription_data", undefined],
      [createSession(stripe, "payment", { line_items: [{ price: "price_x", quantity: 1, bogus: 1 } as never] }), "line_items[0][bogus]", "parameter_unknown"],
    ];
    for (const [promise, param, code] of cases) {
      const error = await rejection(promise);
      expect(error, param).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error.statusCode).toBe(400);
      expect(error.param).toBe(param);
      if (code) expect(error.code, param).toBe(code);
    }
    // Zero-decimal currencies take whole units.
    const yen = await createSession(stripe, "payment", { line_items: [{ quantity: 2, price_data: { currency: "jpy", unit_amount: 500, product_data: { name: "x" } } }] });
    expect(yen.amount_total).toBe(1000);
    expect(yen.currency).toBe("jpy");
  });

  it("expires an open session and refuses to expire it twice", async () => {
    const session = await createSession(stripe, "payment");
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired.status).toBe("expired");
    expect(expired.url).toBeNull();
    const again = await rejection(stripe.checkout.sessions.expire(session.id));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(h.emulator.events().some((e) => e.type === "checkout.session.expired" && e.data.object.id === session.id)).toBe(true);
  });
});

describe("idempotency", () => {
  it("replays the same key with the same parameters byte-for-byte and creates one session", async () => {
    const before = (await stripe.checkout.sessions.list({ limit: 100 })).data.length;
    const a = await stripe.checkout.sessions.create(
      { mode: "payment", success_url: "http://127.0.0.1:3000/ok", line_items: [{ price_data: { currency: "usd", unit_amount: 700, product_data: { name: "Idem" } }, quantity: 1 }] },
      { idempotencyKey: "key-one" },
    );
    const b = await stripe.checkout.sessions.create(
      { mode: "payment", success_url: "http://127.0.0.1:3000/ok", line_items: [{ price_data: { currency: "usd", unit_amount: 700, product_data: { name: "Idem" } }, quantity: 1 }] },
      { idempotencyKey: "key-one" },
    );
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await stripe.checkout.sessions.list({ limit: 100 })).data.length).toBe(before + 1);
  });

  it("replays the exact stored bytes", async () => {
    const body = "name=Replay&metadata[x]=1";
    const send = () =>
      fetch(`${h.emulator.url}/v1/products`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TEST_KEY}`, "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": "raw-key" },
        body,
      });
    const first = await send();
    const second = await send();
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await second.text()).toBe(await first.text());
  });

  it("rejects the same key with different parameters as StripeIdempotencyError", async () => {
    await stripe.customers.create({ email: "one@example.com" }, { idempotencyKey: "key-two" });
    const error = await rejection(stripe.customers.create({ email: "two@example.com" }, { idempotencyKey: "key-two" }));
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.type).toBe("StripeIdempotencyError");
    expect(error.message).toContain("Keys for idempotent requests can only be used with the same parameters they were first used with");
    const otherPath = await rejection(stripe.products.create({ name: "x" }, { idempotencyKey: "key-two" }));
    expect(otherPath).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("serialises 10 concurrent creates with one key into one session", async () => {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: "payment",
      success_url: "http://127.0.0.1:3000/ok",
      line_items: [{ price_data: { currency: "usd", unit_amount: 900, product_data: { name: "Concurrent" } }, quantity: 1 }],
      metadata: { run: "concurrent" },
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => stripe.checkout.sessions.create(params, { idempotencyKey: "key-concurrent" })));
    expect(new Set(results.map((s) => s.id)).size).toBe(1);
    const all = await stripe.checkout.sessions.list({ limit: 100 });
    expect(all.data.filter((s) => s.metadata?.run === "concurrent")).toHaveLength(1);
  });

  it("gives every SDK POST its own automatic key, so plain repeats create new objects", async () => {
    const a = await stripe.customers.create({ email: "same@example.com" });
    const b = await stripe.customers.create({ email: "same@example.com" });
    expect(a.id).not.toBe(b.id);
    expect(a.lastResponse.idempotencyKey).toMatch(/^stripe-node-retry-/);
  });
});

describe("lists", () => {
  it("pages newest first with starting_after / ending_before and filters by created", async () => {
    const fresh = await startHarness();
    try {
      const client = fresh.stripe;
      const created: string[] = [];
      for (let i = 0; i < 7; i++) created.push((await client.customers.create({ email: `p${i}@example.com` })).id);
      const newestFirst = [...created].reverse();
      const page1 = await client.customers.list({ limit: 3 });
      expect(page1.object).toBe("list");
      expect(page1.url).toBe("/v1/customers");
      expect(page1.has_more).toBe(true);
      expect(page1.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 3));
      const page2 = await client.customers.list({ limit: 3, starting_after: page1.data[2]?.id });
      expect(page2.data.map((c) => c.id)).toEqual(newestFirst.slice(3, 6));
      const page3 = await client.customers.list({ limit: 3, starting_after: page2.data[2]?.id });
      expect(page3.data.map((c) => c.id)).toEqual(newestFirst.slice(6));
      expect(page3.has_more).toBe(false);
      const back = await client.customers.list({ limit: 2, ending_before: page2.data[0]?.id });
      expect(back.data.map((c) => c.id)).toEqual(newestFirst.slice(1, 3));
      expect(back.has_more).toBe(true);

      const all: string[] = [];
      for await (const customer of client.customers.list({ limit: 2 })) all.push(customer.id);
      expect(all).toEqual(newestFirst);

      const now = Math.floor(Date.now() / 1000);
      expect((await client.customers.list({ created: { gte: now + 3600 } })).data).toHaveLength(0);
      expect((await client.customers.list({ created: { lte: now + 5, gte: now - 3600 }, limit: 100 })).data).toHaveLength(7);
      expect((await client.customers.list({ created: { lt: now - 3600 } })).data).toHaveLength(0);

      const badCursor = await rejection(client.customers.list({ starting_after: "cus_nope" }));
      expect(badCursor.param).toBe("starting_after");
      const badLimit = await rejection(client.customers.list({ limit: 101 }));
      expect(badLimit.param).toBe("limit");
    } finally {
      await fresh.stop();
    }
  });

  it("lists events by type and retrieves them", async () => {
    const session = await createSession(stripe, "payment");
    await stripe.checkout.sessions.expire(session.id);
    const expired = await stripe.events.list({ type: "checkout.session.expired", limit: 100 });
    expect(expired.data.length).toBeGreaterThan(0);
    expect(expired.data.every((e) => e.type === "checkout.session.expired")).toBe(true);
    const wildcard = await stripe.events.list({ type: "checkout.session.*", limit: 100 });
    expect(wildcard.data.length).toBe(expired.data.length);
    const types = await stripe.events.list({ types: ["invoice.paid", "checkout.session.expired"], limit: 100 });
    expect(types.data.length).toBe(expired.data.length);
    const now = Math.floor(Date.now() / 1000);
    expect((await stripe.events.list({ created: { gt: now + 60 } })).data).toHaveLength(0);
    const first = expired.data[0];
    if (!first) throw new Error("no event");
    const one = await stripe.events.retrieve(first.id);
    expect(one.id).toBe(first.id);
    expect(one.api_version).toBe(Stripe.API_VERSION);
  });
});

describe("billing portal sessions", () => {
  it("requires an existing customer", async () => {
    const missing = await rejection(stripe.billingPortal.sessions.create({ customer: "cus_nope", return_url: "http://127.0.0.1:3000/account" }));
    expect(missing.code).toBe("resource_missing");
    expect(missing.param).toBe("customer");
    const customer = await stripe.customers.create({ email: "portal@example.com" });
    const session = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: "http://127.0.0.1:3000/account" });
    expect(session).toMatchObject({ object: "billing_portal.session", customer: customer.id, return_url: "http://127.0.0.1:3000/account" });
    expect(session.url).toBe(`${h.emulator.url}/portal/${session.id}`);
    expect(session.id).toMatch(/^bps_/);
  });
});

describe("emulator controls", () => {
  it("reports state counts without auth", async () => {
    const { status, json } = await control(h.emulator, "/_emulator/state");
    expect(status).toBe(200);
    expect(json).toMatchObject({ sessions: expect.any(Number), customers: expect.any(Number), events: expect.any(Number), deliveries: expect.any(Number) });
  });

  it("refuses to listen on a non-loopback address", async () => {
    await expect(startStripeEmulator({ host: "0.0.0.0", webhookSecret: "whsec_x" })).rejects.toThrow(/loopback/);
    await expect(startStripeEmulator({ host: "192.168.1.10", webhookSecret: "whsec_x" })).rejects.toThrow(/loopback/);
  });

  it("a second client with a different key sees the same state (keys are not accounts)", async () => {
    const other = clientFor(h.emulator);
    const product = await stripe.products.create({ name: "Shared" });
    expect((await other.products.retrieve(product.id)).name).toBe("Shared");
  });
});
