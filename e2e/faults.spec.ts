import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { event, oneTimeCheckout } from "@/lib/stripe/testing/events";
import { queryLedger, serverDatabaseUrl, serverEnv } from "./helpers";

/**
 * The database goes away while the site is serving, then comes back. A TCP forwarder stands between
 * a second `next start` (same build) and the real PostgreSQL server, so the test can cut it.
 */
class Forwarder {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(readonly port: number, private readonly target: { host: string; port: number }) {}
  async open() {
    this.server = createServer((client) => {
      const upstream = connect(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }
  async cut() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

// Beside the e2e server's port, so two runs on one machine do not collide.
const port = Number(process.env.E2E_PORT ?? 3100) + 60;
const base = `http://127.0.0.1:${port}`;
let site: ChildProcess;
let forwarder: Forwarder;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const env = serverEnv();
  const db = new URL(serverDatabaseUrl());
  forwarder = new Forwarder(port + 1000, { host: db.hostname, port: Number(db.port || 5432) });
  await forwarder.open();
  const viaForwarder = new URL(db);
  viaForwarder.host = `127.0.0.1:${port + 1000}`;
  site = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env, DATABASE_URL: viaForwarder.toString(), PORT: String(port) },
    stdio: "ignore",
  });
  await expect.poll(async () => (await fetch(`${base}/robots.txt`).catch(() => null))?.status ?? 0, { timeout: 30_000 }).toBe(200);
});

test.afterAll(async () => {
  site?.kill("SIGTERM");
  await forwarder?.cut().catch(() => {});
});

test("cached pages keep serving, database pages answer a calm 503, webhooks are retried and recorded once after recovery", async ({ request }) => {
  const home = await (await request.get(`${base}/`)).text();
  const article = /href="(\/articles\/[a-z0-9-]+)"/.exec(home)![1]!;
  expect((await request.get(`${base}${article}`)).status()).toBe(200);
  expect((await request.get(`${base}/search?q=water`)).status()).toBe(200);
  // The feed is rendered per request (for its 304s) from cached reads: read once, it is cached.
  expect((await request.get(`${base}/feed.xml`)).status()).toBe(200);

  await forwarder.cut();

  // Cached pages: still served.
  for (const path of ["/", article, "/feed.xml"]) expect((await request.get(`${base}${path}`)).status(), path).toBe(200);
  // A page that needs the database: a calm 503 (once the half-second health probe has noticed), no stack trace.
  await expect.poll(async () => (await request.get(`${base}/search?q=water`)).status(), { timeout: 5_000 }).toBe(503);
  const search = await request.get(`${base}/search?q=water`);
  expect(search.headers()["retry-after"]).toBe("30");
  const body = await search.text();
  expect(body).toContain("temporarily unavailable");
  expect(body).not.toMatch(/\bat \w+ \(|node_modules|ECONNREFUSED/);

  // A webhook while the database is down: non-2xx, so Stripe retries; nothing half-written.
  const session = oneTimeCheckout({ amount: 4321, email: `fault-${Date.now()}@example.org` });
  const payload = JSON.stringify(event("checkout.session.completed", session));
  const stripe = new Stripe("sk_test_unused");
  const post = () =>
    request.post(`${base}/api/stripe/webhook`, {
      data: payload,
      headers: { "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: serverEnv().STRIPE_WEBHOOK_SECRET! }), "content-type": "application/json" },
    });
  expect((await post()).status()).toBeGreaterThanOrEqual(500);

  await forwarder.open();

  // Recovery without a restart.
  await expect.poll(async () => (await request.get(`${base}/search?q=water`)).status(), { timeout: 15_000 }).toBe(200);
  await expect.poll(async () => (await (await post()).json()).outcome, { timeout: 15_000 }).toBe("processed");
  expect((await (await post()).json()).outcome).toBe("duplicate");
  const rows = await queryLedger<{ amount: number }>("select amount from gifts where stripe_checkout_session_id = $1", [session.id]);
  expect(rows).toEqual([{ amount: 4321 }]);
});
