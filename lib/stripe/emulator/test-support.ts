import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { startStripeEmulator, type EmulatorOptions, type StripeEmulator } from "./index";

/** Helpers for the emulator's own tests: a real SDK client and a webhook receiver that verifies like the app. */

export const TEST_SECRET = "whsec_emulator_test_secret";
export const TEST_KEY = "sk_test_emulator_tests";

export type ReceivedEvent = { event: Stripe.Event; raw: string; signature: string; userAgent: string; contentType: string };

export type Receiver = {
  url: string;
  received: ReceivedEvent[];
  /** Bodies whose signature did not verify. */
  rejected: string[];
  /** Decides the HTTP status per incoming event; default 200. */
  respond: (event: Stripe.Event, attempt: number) => number;
  types(): string[];
  close(): Promise<void>;
};

export async function startReceiver(secret = TEST_SECRET): Promise<Receiver> {
  const verifier = new Stripe(TEST_KEY);
  const attempts = new Map<string, number>();
  const receiver: Receiver = {
    url: "",
    received: [],
    rejected: [],
    respond: () => 200,
    types: () => receiver.received.map((r) => r.event.type),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const signature = String(req.headers["stripe-signature"] ?? "");
      let event: Stripe.Event;
      try {
        event = verifier.webhooks.constructEvent(raw, signature, secret);
      } catch {
        receiver.rejected.push(raw);
        res.writeHead(400).end("bad signature");
        return;
      }
      const attempt = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, attempt);
      const status = receiver.respond(event, attempt);
      if (status >= 200 && status < 300) {
        receiver.received.push({
          event,
          raw,
          signature,
          userAgent: String(req.headers["user-agent"] ?? ""),
          contentType: String(req.headers["content-type"] ?? ""),
        });
      }
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`;
  return receiver;
}

export type Harness = { emulator: StripeEmulator; stripe: Stripe; receiver: Receiver; stop(): Promise<void> };

export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const receiver = await startReceiver();
  const emulator = await startStripeEmulator({ port: 0, webhookSecret: TEST_SECRET, webhookUrl: receiver.url, ...options });
  const stripe = clientFor(emulator);
  return {
    emulator,
    stripe,
    receiver,
    async stop() {
      await emulator.stop();
      await receiver.close();
    },
  };
}

/** A fresh emulator for each test (or one for the whole file), handed to `use` once it is up. */
export function useHarness(scope: "each" | "file", use: (harness: Harness) => void): void {
  let current: Harness | undefined;
  (scope === "each" ? beforeEach : beforeAll)(async () => {
    current = await startHarness();
    use(current);
  });
  (scope === "each" ? afterEach : afterAll)(async () => {
    await current?.stop();
  });
}

export function clientFor(emulator: StripeEmulator, config: Stripe.StripeConfig = {}): Stripe {
  return new Stripe(TEST_KEY, { host: "127.0.0.1", port: emulator.port, protocol: "http", maxNetworkRetries: 0, ...config });
}

/** Submits the hosted checkout form the way a browser without JavaScript would. */
export function submitPayForm(session: { url: string | null }, fields: { email?: string; card_number?: string } = {}): Promise<Response> {
  if (!session.url) throw new Error("session has no url");
  const body = new URLSearchParams({ email: fields.email ?? "reader@example.com", card_number: fields.card_number ?? "4242 4242 4242 4242" });
  return fetch(session.url, { method: "POST", body, redirect: "manual" });
}

export async function waitFor<T>(check: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function control(emulator: StripeEmulator, path: string, body?: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${emulator.url}${path}`, {
    method: body === undefined && path.endsWith("/state") ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined && path.endsWith("/state") ? undefined : JSON.stringify(body ?? {}),
  });
  return { status: response.status, json: await response.json() };
}

/** Creates an open session with one inline price. */
export function createSession(stripe: Stripe, mode: "payment" | "subscription", extra: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return stripe.checkout.sessions.create({
    mode,
    success_url: "http://127.0.0.1:3000/support/thanks?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://127.0.0.1:3000/support",
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 1500,
          product_data: { name: mode === "subscription" ? "Monthly membership" : "One-time gift" },
          ...(mode === "subscription" ? { recurring: { interval: "month" as const } } : {}),
        },
      },
    ],
    ...extra,
  });
}
