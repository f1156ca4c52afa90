/**
 * `npm run soak -- --minutes N` (or --seconds N): readers on cached and uncached pages, gifts through
 * the emulator, duplicate webhook deliveries and staff dashboard loads, all at once
 * against a fresh site on 127.0.0.1; then the ledger is checked against the emulator's payments:
 * zero lost, zero duplicated. Bounded in time; loopback only. `--no-build` reuses the last build.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import Stripe from "stripe";
import { embeddedDatabaseUrl } from "@/db/database-url";
import { formBody } from "@/lib/site/request-limits";
import { startTestSite, testSitePorts } from "../e2e/test-site";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(arg("seconds") ?? Number(arg("minutes") ?? 1) * 60);
const port = Number(arg("port") ?? 3500);
const build = !args.includes("--no-build");
const site = await startTestSite({
  name: "soak",
  port,
  args: build ? [] : ["--no-build"],
  adminUrl: process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL,
  stdio: ["ignore", "ignore", "inherit"],
  // The soak's gifts all come from one address: lift the card-testing limit for it.
  env: { CHECKOUT_LIMIT_PER_CLIENT: "1000000", CHECKOUT_LIMIT_PER_SESSION: "1000000" },
});
const { url: base, emulatorUrl: emulator, env } = site;
const dataDir = path.resolve(".data/soak");

// ---- measurement ----------------------------------------------------------------------------
type Kind = "cached page" | "uncached page" | "gift" | "webhook redelivery" | "staff dashboard";
const stats = new Map<Kind, { ok: number; errors: number; ms: number[] }>();
const record = (kind: Kind, ok: boolean, ms: number) => {
  const s = stats.get(kind) ?? { ok: 0, errors: 0, ms: [] };
  if (ok) s.ok++;
  else s.errors++;
  s.ms.push(ms);
  stats.set(kind, s);
};
async function timed(kind: Kind, fn: () => Promise<boolean>) {
  const t = performance.now();
  let ok = false;
  try {
    ok = await fn();
  } catch {
    ok = false;
  }
  record(kind, ok, performance.now() - t);
}

function processTree(root: number): { pid: number; name: string; rss: number }[] {
  const all = new Map<number, { ppid: number; name: string; rss: number }>();
  for (const p of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").filter(Boolean);
      const label = name.startsWith("next-server") ? "next-server" : name === "node" ? (cmd.find((c) => /start\.ts|next-server|next\b/.test(c)) ?? cmd.slice(1, 3).join(" ")).split("/").pop()! : name;
      all.set(Number(p), { ppid: Number(fields[1]), name: label, rss: Number(fields[21]) * 4096 });
    } catch {
      // gone
    }
  }
  const out: { pid: number; name: string; rss: number }[] = [];
  const walk = (pid: number) => {
    const me = all.get(pid);
    if (me) out.push({ pid, name: me.name, rss: me.rss });
    for (const [child, info] of all) if (info.ppid === pid) walk(child);
  };
  walk(root);
  return out;
}
const memory: { t: number; procs: { name: string; rss: number }[] }[] = [];

// ---- the load -------------------------------------------------------------------------------
const deadline = () => Date.now() + seconds * 1000;
let stopAt = 0;
const running = () => Date.now() < stopAt;
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, "&");

async function main() {
  await site.ready(build ? 300_000 : 120_000);
  const home = await (await fetch(`${base}/`)).text();
  const articles = [...new Set([...home.matchAll(/href="(\/articles\/[a-z0-9-]+)"/g)].map((m) => m[1]!))];
  const cached = ["/", "/feed.xml", "/sections/politics", ...articles];
  const words = ["water", "budget", "strike", "court", "river", "school", "theatre", "port", "election", "housing"];
  const support = await (await fetch(`${base}/support`)).text();
  const form = /<form[^>]*encType="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(support)![1]!;
  const hidden = [...form.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/>/g)].map((m) => [m[1]!, decode(m[2] ?? "")] as const);
  for (const p of cached) await fetch(`${base}${p}`); // warm the cache
  const staffCookie = await signInStaff();

  stopAt = deadline();
  const sampler = setInterval(() => memory.push({ t: Date.now(), procs: processTree(site.child.pid!) }), 2000);
  memory.push({ t: Date.now(), procs: processTree(site.child.pid!) });
  let giftNo = 0;

  const loops: Promise<void>[] = [];
  const loop = (n: number, body: () => Promise<void>) => {
    for (let i = 0; i < n; i++) loops.push((async () => { while (running()) await body(); })());
  };
  loop(8, () => timed("cached page", async () => (await fetch(`${base}${pick(cached)}`).then(async (r) => (await r.arrayBuffer(), r))).status === 200));
  loop(2, () =>
    timed("uncached page", async () => {
      const r = await fetch(`${base}/search?q=${pick(words)}+${Math.random().toString(36).slice(2, 5)}`);
      await r.arrayBuffer();
      return r.status === 200;
    }),
  );
  loop(2, () =>
    timed("gift", async () => {
      const i = giftNo++;
      const body = new FormData();
      for (const [k, v] of hidden) body.append(k, v);
      body.append("idempotency_key", `soak-${Date.now()}-${i}-${Math.random().toString(36).slice(2)}`);
      body.append("frequency", pick(["once", "monthly", "annual"]));
      body.append("currency", pick(["eur", "usd", "gbp"]));
      body.append("amount", "other");
      body.append("other_amount", String(5 + (i % 200)));
      body.append("placement", "support_page");
      body.append("source_path", "/support");
      // What the review step posts (the honest ask): straight to Checkout.
      body.append("confirmed", "1");
      const sized = await formBody(body);
      const checkout = await fetch(`${base}/support`, { method: "POST", body: sized.body, redirect: "manual", headers: { ...sized.headers, origin: base } });
      const payUrl = checkout.headers.get("location");
      if (checkout.status !== 303 || !payUrl) return false;
      const pay = await fetch(payUrl, {
        method: "POST",
        body: new URLSearchParams({ email: `soak-${i}@example.org`, card_number: "4242424242424242" }),
        redirect: "manual",
      });
      await pay.arrayBuffer();
      return pay.status === 303 && (pay.headers.get("location") ?? "").includes("/support/thank-you");
    }),
  );
  loop(1, async () => {
    await timed("webhook redelivery", async () => {
      const list = (await (await fetch(`${emulator}/v1/events?limit=20`, { headers: { authorization: "Bearer sk_test_emulator" } })).json()) as { data: { id: string }[] };
      if (list.data.length === 0) return true;
      const r = await fetch(`${emulator}/_emulator/events/${pick(list.data).id}/resend`, { method: "POST" });
      await r.arrayBuffer();
      return r.ok;
    });
    await new Promise((r) => setTimeout(r, 100));
  });
  loop(1, () =>
    timed("staff dashboard", async () => {
      const r = await fetch(`${base}/admin`, { headers: { cookie: staffCookie }, redirect: "manual" });
      const html = await r.text();
      return r.status === 200 && html.includes("Gifts per day");
    }),
  );
  await Promise.all(loops);
  clearInterval(sampler);
  memory.push({ t: Date.now(), procs: processTree(site.child.pid!) });
}

/** A staff account made with the CLI, signed in through the no-JavaScript form; returns the session cookie. */
async function signInStaff(): Promise<string> {
  const email = "soak-editor@example.org";
  const password = "soak correct horse battery";
  const add = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/staff.ts", "add", email, "--name", "Soak Editor"], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "ignore", "inherit"],
  });
  add.stdin!.end(`${password}\n${password}\n`);
  await new Promise((resolve) => add.on("exit", resolve));
  const page = await (await fetch(`${base}/admin/sign-in`)).text();
  const form = /<form[^>]*encType="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(page)![1]!;
  const body = new FormData();
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) body.append(m[1]!, decode(m[2] ?? ""));
  body.set("email", email);
  body.set("password", password);
  const res = await fetch(`${base}/admin/sign-in`, { method: "POST", body, redirect: "manual", headers: { origin: base } });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`staff sign-in failed (HTTP ${res.status})`);
  return cookie;
}

async function verifyLedger() {
  // Let in-flight webhook retries land.
  await new Promise((r) => setTimeout(r, 4000));
  const stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: testSitePorts(port).emulator, protocol: "http" });
  const charges = await stripe.charges.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const dbUrl = env.DATABASE_URL || embeddedDatabaseUrl(env.EMBEDDED_DB_DIR!, testSitePorts(port).database)!;
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const gifts = (await sql`select stripe_payment_intent_id as pi, amount from gifts`) as unknown as { pi: string | null; amount: number }[];
  await sql.end();
  const byPi = new Map<string, number>();
  for (const g of gifts) if (g.pi) byPi.set(g.pi, (byPi.get(g.pi) ?? 0) + 1);
  const paid = charges.filter((c) => c.status === "succeeded");
  const pis = new Set(paid.map((c) => (typeof c.payment_intent === "string" ? c.payment_intent : c.payment_intent?.id)));
  const lost = paid.filter((c) => !byPi.has(typeof c.payment_intent === "string" ? c.payment_intent : c.payment_intent!.id)).length;
  const duplicated = [...byPi.values()].filter((n) => n > 1).length;
  const phantom = gifts.filter((g) => !g.pi || !pis.has(g.pi)).length;
  return { payments: paid.length, gifts: gifts.length, lost, duplicated, phantom };
}

/** Every gift's receipt, from the site's mail catcher over its API: one each, none twice (the worker may still be sending: wait up to 60 s). */
async function verifyEmail(gifts: number): Promise<{ receipts: number; lost: number; duplicated: number }> {
  type Caught = { subject: string; messageId: string | null };
  const receipts = async () => ((await (await fetch(`${site.mailInboxUrl}/api/messages`)).json()) as Caught[]).filter((m) => m.subject.startsWith("Thank you"));
  const deadline = Date.now() + 60_000;
  let caught = await receipts();
  while (new Set(caught.map((m) => m.messageId)).size < gifts && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    caught = await receipts();
  }
  const ids = caught.map((m) => m.messageId);
  const distinct = new Set(ids).size;
  return { receipts: caught.length, lost: Math.max(0, gifts - distinct), duplicated: ids.length - distinct };
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(1) : "-");
let exitCode = 0;
try {
  await main();
  const ledger = await verifyLedger();
  const email = await verifyEmail(ledger.gifts);
  console.log(`\nSoak: ${seconds} s against ${base} (${env.DATABASE_URL ? "PostgreSQL server" : "embedded PostgreSQL"})`);
  console.log("| kind | requests | errors | error rate | p50 (ms) | p99 (ms) |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const [kind, s] of stats) {
    const n = s.ok + s.errors;
    console.log(`| ${kind} | ${n} | ${s.errors} | ${((100 * s.errors) / Math.max(1, n)).toFixed(2)}% | ${pct(s.ms, 0.5)} | ${pct(s.ms, 0.99)} |`);
  }
  const names = [...new Set(memory.flatMap((m) => m.procs.map((p) => p.name)))];
  console.log("\n| process | RSS at start (MB) | peak (MB) | at end (MB) |");
  console.log("| --- | --- | --- | --- |");
  for (const name of names) {
    const series = memory.map((m) => m.procs.filter((p) => p.name === name).reduce((a, p) => a + p.rss, 0) / 2 ** 20);
    console.log(`| ${name} | ${series[0]!.toFixed(0)} | ${Math.max(...series).toFixed(0)} | ${series.at(-1)!.toFixed(0)} |`);
  }
  console.log(`\nLedger vs emulator: ${ledger.payments} payments, ${ledger.gifts} gifts; lost ${ledger.lost}, duplicated ${ledger.duplicated}, unexplained ${ledger.phantom}`);
  console.log(`Receipts in the mail catcher: ${email.receipts} for ${ledger.gifts} gifts; lost ${email.lost}, duplicated ${email.duplicated}`);
  writeFileSync(path.join(dataDir, "soak.json"), JSON.stringify({ seconds, stats: Object.fromEntries([...stats].map(([k, s]) => [k, { requests: s.ok + s.errors, errors: s.errors, p50: pct(s.ms, 0.5), p99: pct(s.ms, 0.99) }])), memory, ledger, email }, null, 2));
  const giftStats = stats.get("gift");
  if (ledger.lost || ledger.duplicated || ledger.phantom || email.lost || email.duplicated || !giftStats?.ok || !stats.get("staff dashboard")?.ok || (stats.get("cached page")?.errors ?? 0) > 0) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await site.stop();
}
process.exit(exitCode);
