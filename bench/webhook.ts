/**
 * Webhook handler throughput on PostgreSQL: N distinct events, each delivered 5 times
 * (shuffled, with concurrency), through the real route handler (signature check, dedupe, ledger).
 * Usage: npx tsx bench/webhook.ts [events=2000] [concurrency=16]
 * On BENCH_DATABASE_URL or TEST_DATABASE_URL (a server on which it may create a database), else on
 * an embedded PostgreSQL server of its own, as `npm start` runs it.
 */
import { createScratchDatabase } from "@/db/testing/scratch-database";
import Stripe from "stripe";
import { databaseServerForRun } from "../scripts/database-server";

const events = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 16);
const DUPLICATES = 5;
const server = await databaseServerForRun(".data/bench-webhook/postgres");
const scratch = await createScratchDatabase(server.adminUrl, "masthead_bench_webhook");
process.env.DATABASE_URL = scratch.url;
process.env.STRIPE_WEBHOOK_SECRET = "whsec_bench_masthead";

const { getDatabase, closeDatabase } = await import("@/db/client");
const { migrateDatabase } = await import("@/db/migrate");
const { readLedger } = await import("@/db/donations");
const { event, oneTimeCheckout, paidInvoice } = await import("@/lib/stripe/testing/events");
const { POST } = await import("@/app/api/stripe/webhook/route");
await migrateDatabase(await getDatabase());

const stripe = new Stripe("sk_test_unused");
const payloads = Array.from({ length: events }, (_, i) =>
  JSON.stringify(
    i % 2
      ? event("checkout.session.completed", oneTimeCheckout({ amount: 1000 + i }))
      : event("invoice.paid", paidInvoice({ subscription: `sub_b${i}`, customer: `cus_b${i}`, amount: 500 + i, frequency: "monthly" })),
  ),
);
const deliveries = payloads.flatMap((p) => Array.from({ length: DUPLICATES }, () => p));
for (let i = deliveries.length - 1; i > 0; i--) {
  const j = Math.floor(Math.random() * (i + 1));
  [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
}

const latencies: number[] = [];
const statuses = new Map<number, number>();
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < deliveries.length) {
      const payload = deliveries[next++]!;
      const header = stripe.webhooks.generateTestHeaderString({ payload, secret: process.env.STRIPE_WEBHOOK_SECRET! });
      const t = performance.now();
      const res = await POST(new Request("http://bench/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": header } }));
      latencies.push(performance.now() - t);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const ledger = await readLedger();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);

console.log(`\nWebhook throughput on ${server.label} (${events} events × ${DUPLICATES} deliveries, ${concurrency} concurrent, shuffled)`);
console.log("| deliveries | distinct events | wall time (s) | deliveries/s | distinct events/s | p50 (ms) | p95 (ms) | p99 (ms) | HTTP statuses | gifts in ledger |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
console.log(
  `| ${deliveries.length} | ${events} | ${seconds.toFixed(2)} | ${(deliveries.length / seconds).toFixed(0)} | ${(events / seconds).toFixed(0)} | ${pct(0.5)} | ${pct(0.95)} | ${pct(0.99)} | ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")} | ${ledger.gifts.length} |`,
);
const ok = ledger.gifts.length === events && ledger.events === events;
console.log(ok ? "Ledger check: every event recorded exactly once." : `LEDGER MISMATCH: ${ledger.gifts.length} gifts, ${ledger.events} events for ${events} distinct events`);

await closeDatabase();
await scratch.drop();
await server.stop();
process.exit(ok ? 0 : 1);
