/**
 * The checkout server action's time from POST to the 303 redirect to Stripe Checkout (the emulator),
 * measured over real HTTP exactly as a browser without JavaScript submits the gift form.
 * Usage: npx tsx bench/checkout.ts [requests=200] [--url http://127.0.0.1:3000]
 * Without --url it starts its own site on 127.0.0.1:3400 (fresh embedded database and emulator).
 * Each request comes from its own (benchmark-range) address, as many readers would, so the
 * card-testing limit per address does not turn the measurement into one of refusals.
 */
import { formBody } from "@/lib/site/request-limits";
import { startTestSite, type TestSite } from "../e2e/test-site";

const args = process.argv.slice(2);
const urlIndex = args.indexOf("--url");
const requests = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--url") ?? 200);
let base = urlIndex >= 0 ? args[urlIndex + 1]! : "";
let site: TestSite | undefined;

if (!base) {
  site = await startTestSite({ name: "bench-checkout", port: 3400, stdio: "ignore" });
  base = site.url;
  await site.ready(300_000);
}

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const html = await (await fetch(`${base}/support`)).text();
const form = /<form[^>]*encType="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
if (!form) throw new Error("gift form not found on /support");
const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [m[1]!, decode(m[2] ?? "")] as const);

async function submit(i: number): Promise<{ ms: number; status: number; location: string }> {
  const body = new FormData();
  for (const [name, value] of hidden) body.append(name, name === "idempotency_key" ? `bench-${Date.now()}-${i}-${Math.random().toString(36).slice(2)}` : value);
  body.append("frequency", i % 3 === 0 ? "once" : i % 3 === 1 ? "monthly" : "annual");
  body.append("currency", "eur");
  body.append("amount", "other");
  body.append("other_amount", String(10 + (i % 90)));
  const started = performance.now();
  const sized = await formBody(body);
  const res = await fetch(`${base}/support`, { method: "POST", body: sized.body, redirect: "manual", headers: { ...sized.headers, origin: base, "x-forwarded-for": `198.18.${(i >> 8) & 255}.${i & 255}` } });
  const ms = performance.now() - started;
  await res.arrayBuffer();
  return { ms, status: res.status, location: res.headers.get("location") ?? "" };
}

try {
  for (let i = 0; i < 10; i++) await submit(i); // warm-up: products created, code paths compiled
  const results: { ms: number; status: number; location: string }[] = [];
  for (let i = 0; i < requests; i++) results.push(await submit(1000 + i));
  const ok = results.filter((r) => r.status === 303 && /\/pay\/cs_/.test(r.location));
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]?.toFixed(1) ?? "n/a";
  console.log(`\nCheckout server action: POST → 303 to Stripe Checkout (emulator), ${requests} sequential requests after 10 warm-up`);
  console.log("| requests | 303 to checkout | median (ms) | p95 (ms) | p99 (ms) | max (ms) |");
  console.log("| --- | --- | --- | --- | --- | --- |");
  console.log(`| ${requests} | ${ok.length} | ${pct(0.5)} | ${pct(0.95)} | ${pct(0.99)} | ${ms.at(-1)?.toFixed(1)} |`);
  if (ok.length !== requests) {
    console.error(`Unexpected answers: ${JSON.stringify(results.filter((r) => !ok.includes(r)).slice(0, 3))}`);
    process.exitCode = 1;
  }
} finally {
  await site?.stop();
}
