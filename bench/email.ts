/**
 * Supporter e-mail through the real path: signed `invoice.paid` webhooks into the route handler
 * (ledger + outbox + job in one transaction), the job worker, SMTP (nodemailer), and the local
 * mail catcher (smtp-server + mailparser). Prints the worker's e-mails per second for a backlog,
 * and the time from a webhook's 200 to its receipt in the inbox, one at a time (median, p95).
 * Usage: npx tsx bench/email.ts [backlog=500] [latency samples=50]
 * On BENCH_DATABASE_URL or TEST_DATABASE_URL, else on an embedded PostgreSQL server of its own.
 */
import Stripe from "stripe";
import { createScratchDatabase } from "@/db/testing/scratch-database";
import { startMailCatcher } from "@/lib/mail/catcher";
import { databaseServerForRun } from "../scripts/database-server";

// The worker's info lines (one per e-mail) would bury the table.
const print = console.log.bind(console);
console.log = () => {};

const backlog = Number(process.argv[2] ?? 500);
const samples = Number(process.argv[3] ?? 50);
const server = await databaseServerForRun(".data/bench-email/postgres");
const scratch = await createScratchDatabase(server.adminUrl, "masthead_bench_email");
const catcher = await startMailCatcher({ smtpPort: 0, webPort: 0 });
Object.assign(process.env, { DATABASE_URL: scratch.url, STRIPE_WEBHOOK_SECRET: "whsec_bench_masthead", MAIL_CATCHER_SMTP_PORT: String(catcher.smtpPort), SMTP_URL: "" });

const { getDatabase, closeDatabase } = await import("@/db/client");
const { migrateDatabase } = await import("@/db/migrate");
const { event, paidInvoice } = await import("@/lib/stripe/testing/events");
const { POST } = await import("@/app/api/stripe/webhook/route");
const { startJobWorker } = await import("@/lib/jobs/worker");
const { listOutboxEmails } = await import("@/db/email-outbox");
await migrateDatabase(await getDatabase());

const stripe = new Stripe("sk_test_unused");
let n = 0;
async function deliverInvoicePaid(): Promise<string> {
  n++;
  const invoice = paidInvoice({ subscription: `sub_m${n}`, customer: `cus_m${n}`, amount: 500 + n, frequency: "monthly", email: `reader${n}@example.org` });
  const payload = JSON.stringify(event("invoice.paid", invoice));
  const res = await POST(new Request("http://bench/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_bench_masthead" }) } }));
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  return `reader${n}@example.org`;
}
const received = (to: string) => catcher.messages().some((m) => m.to.includes(to));
const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the inbox");
    await new Promise((r) => setTimeout(r, 5));
  }
};

// 1. A backlog: the webhooks first, then the worker drains it.
for (let i = 0; i < backlog; i++) await deliverInvoicePaid();
const worker = await startJobWorker(await getDatabase(), { pollingIntervalSeconds: 0.5 });
const drainStart = performance.now();
await until(() => catcher.messages().length >= backlog, 600_000);
const drainSeconds = (performance.now() - drainStart) / 1000;

// 2. One at a time: webhook answered → receipt in the inbox.
const latencies: number[] = [];
for (let i = 0; i < samples; i++) {
  const to = await deliverInvoicePaid();
  const t = performance.now();
  await until(() => received(to), 60_000);
  latencies.push(performance.now() - t);
}
await worker.stop();
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0);

const outbox = await listOutboxEmails(backlog + samples + 10);
const sent = outbox.filter((r) => r.status === "sent").length;
const perAddress = new Map<string, number>();
for (const m of catcher.messages()) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
const duplicated = [...perAddress.values()].filter((c) => c > 1).length;

print(`\nSupporter e-mail on ${server.label}: webhook → outbox → worker → SMTP → local mail catcher`);
print("| backlog | drained in (s) | e-mails/s | latency samples | webhook → inbox p50 (ms) | p95 (ms) | max (ms) | outbox sent | addresses with a duplicate |");
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
print(`| ${backlog} | ${drainSeconds.toFixed(2)} | ${(backlog / drainSeconds).toFixed(0)} | ${samples} | ${pct(0.5)} | ${pct(0.95)} | ${latencies.at(-1)!.toFixed(0)} | ${sent} of ${backlog + samples} | ${duplicated} |`);
const ok = sent === backlog + samples && duplicated === 0 && catcher.messages().length === backlog + samples;
print(ok ? "Every receipt sent exactly once." : "MISMATCH: see the table.");

await catcher.stop();
await closeDatabase();
await scratch.drop();
await server.stop();
process.exit(ok ? 0 : 1);
