import { request } from "node:http";
import { createServer } from "node:net";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { startStripeEmulator } from "./index";
import { clientFor, control, createSession, type Harness, submitPayForm, TEST_SECRET, useHarness, waitFor } from "./test-support";
import { signatureHeader } from "./webhooks";

let h: Harness;
let stripe: Stripe;
useHarness("each", (harness) => {
  h = harness;
  stripe = harness.stripe;
});

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhook`;
}

describe("webhook signing", () => {
  it("matches the SDK's own test header for the same payload and timestamp", () => {
    const payload = JSON.stringify({ id: "evt_1", object: "event" });
    const timestamp = 1_700_000_000;
    const expected = new Stripe("sk_test_x").webhooks.generateTestHeaderString({ payload, secret: TEST_SECRET, timestamp });
    expect(signatureHeader(payload, TEST_SECRET, timestamp)).toBe(expected);
  });
});

describe("webhook delivery", () => {
  it("retries in the background after the receiver first answers 500, re-signing each attempt", async () => {
    h.receiver.respond = (_event, attempt) => (attempt === 1 ? 500 : 200);
    const session = await createSession(stripe, "payment");
    const response = await submitPayForm(session);
    expect(response.status).toBe(303);
    expect(h.receiver.received).toHaveLength(0);
    const firstTries = h.emulator.deliveries();
    expect(firstTries.map((d) => [d.status, d.attempt])).toEqual([
      [500, 1],
      [500, 1],
      [500, 1],
      [500, 1],
    ]);
    await waitFor(() => h.emulator.deliveries().filter((d) => d.status === 200).length === 4, 5000);
    const events = h.emulator.events();
    expect(new Set(h.receiver.types())).toEqual(new Set(events.map((e) => e.type)));
    for (const event of events) {
      const attempts = h.emulator.deliveries().filter((d) => d.eventId === event.id);
      expect(attempts.map((d) => [d.status, d.attempt])).toEqual([
        [500, 1],
        [200, 2],
      ]);
    }
    expect(h.receiver.rejected).toEqual([]);
  });

  it("records network errors and delivers retries to a webhook URL set later", async () => {
    h.emulator.setWebhookUrl(await closedPortUrl());
    const session = await createSession(stripe, "payment");
    await submitPayForm(session);
    expect(h.emulator.deliveries().every((d) => d.status === "error" && d.attempt === 1)).toBe(true);
    h.emulator.setWebhookUrl(h.receiver.url);
    await waitFor(() => h.emulator.deliveries().filter((d) => d.status === 200).length === 4, 5000);
    expect(h.receiver.received).toHaveLength(4);
  });

  it("re-delivers an existing event with the same id and a fresh, valid signature", async () => {
    const session = await createSession(stripe, "payment");
    await submitPayForm(session);
    const completed = h.receiver.received.find((r) => r.event.type === "checkout.session.completed");
    if (!completed) throw new Error("no completion event");
    const { status, json } = await control(h.emulator, `/_emulator/events/${completed.event.id}/resend`);
    expect(status).toBe(200);
    expect(json).toEqual({ resent: completed.event.id });
    const copies = h.receiver.received.filter((r) => r.event.id === completed.event.id);
    expect(copies).toHaveLength(2);
    expect(copies[1]?.raw).toBe(copies[0]?.raw);
    expect((await control(h.emulator, "/_emulator/events/evt_nope/resend")).status).toBe(404);
  });

  it("records events but delivers nothing when no webhook URL is set", async () => {
    const quiet = await startStripeEmulator({ webhookSecret: TEST_SECRET });
    try {
      const client = clientFor(quiet);
      const session = await createSession(client, "subscription");
      const response = await submitPayForm(session);
      expect(response.status).toBe(303);
      expect(quiet.events().map((e) => e.type)).toContain("checkout.session.completed");
      expect(quiet.deliveries()).toEqual([]);
      expect(quiet.payments()).toHaveLength(1);
    } finally {
      await quiet.stop();
    }
  });
});

describe("fault injection", () => {
  it("error500: the SDK throws StripeAPIError, then the emulator recovers", async () => {
    expect((await control(h.emulator, "/_emulator/faults", { mode: "error500", count: 1 })).status).toBe(200);
    const error = await stripe.products.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(500);
    expect((error as Stripe.errors.StripeError).requestId).toMatch(/^req_/);
    await expect(stripe.products.list()).resolves.toMatchObject({ object: "list" });
  });

  it("only fails requests under the given path prefix, and `none` clears the fault", async () => {
    await control(h.emulator, "/_emulator/faults", { mode: "error500", count: 5, paths: "/v1/checkout/sessions" });
    await expect(stripe.products.list()).resolves.toMatchObject({ object: "list" });
    await expect(createSession(stripe, "payment")).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
    await control(h.emulator, "/_emulator/faults", { mode: "none" });
    await expect(createSession(stripe, "payment")).resolves.toMatchObject({ status: "open" });
  });

  it("a retrying SDK reuses its idempotency key, so a 500 then success creates one object", async () => {
    const retrying = clientFor(h.emulator, { maxNetworkRetries: 2 });
    await control(h.emulator, "/_emulator/faults", { mode: "error500", count: 1 });
    const customer = await retrying.customers.create({ email: "retry@example.com" });
    expect(customer.email).toBe("retry@example.com");
    expect((await stripe.customers.list({ email: "retry@example.com" })).data).toHaveLength(1);
  });

  it("timeout: the request hangs until the SDK gives up", async () => {
    await control(h.emulator, "/_emulator/faults", { mode: "timeout", count: 1 });
    const started = Date.now();
    const error = await stripe.customers.list({}, { timeout: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect((error as Error).message).toContain("timeout");
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(stripe.customers.list()).resolves.toMatchObject({ object: "list" });
  });

  it("reset: the socket is destroyed; the SDK retries a closed connection once, as it does against Stripe", async () => {
    await control(h.emulator, "/_emulator/faults", { mode: "reset", count: 2 });
    const error = await stripe.products.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    await control(h.emulator, "/_emulator/faults", { mode: "reset", count: 1 });
    await expect(stripe.products.list()).resolves.toMatchObject({ object: "list" });
  });

  it("rejects malformed fault requests", async () => {
    expect((await control(h.emulator, "/_emulator/faults", { mode: "explode" })).status).toBe(400);
    expect((await control(h.emulator, "/_emulator/faults", { mode: "error500", count: -1 })).status).toBe(400);
    const broken = await fetch(`${h.emulator.url}/_emulator/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{nope" });
    expect(broken.status).toBe(400);
  });
});

describe("control endpoint safety", () => {
  it("refuses control requests whose Host header is not local (DNS rebinding)", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${h.emulator.url}/_emulator/state`, { headers: { Host: "attacker.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it("counts state", async () => {
    const session = await createSession(stripe, "subscription");
    await submitPayForm(session);
    const { json } = await control(h.emulator, "/_emulator/state");
    expect(json).toMatchObject({ sessions: 1, customers: 1, subscriptions: 1, invoices: 1, charges: 1, events: 9, deliveries: 9 });
  });
});
