/**
 * `npm run stripe:reconcile -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--days N]`
 * Compares Stripe with the ledger for objects created in the period (default: the last 30 days,
 * which is as long as Stripe keeps events), adds what the webhooks missed through the webhook's
 * own code, and reports what disagrees. Running it again adds nothing.
 */
import { DAY_MS, parseUtcDay, utcDayRange } from "@/lib/site/days";
import { describeReport, runReconciliation } from "@/lib/stripe/reconcile";
import { runWithDatabase } from "./cli";
import { createProgressBar } from "./progress-bar";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function day(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = parseUtcDay(value);
  if (!d) {
    console.error(`--${name} must be a calendar day like 2026-11-01`);
    process.exit(2);
  }
  return d;
}

const days = Number(arg("days") ?? 30);
if (!Number.isFinite(days) || days <= 0) {
  console.error("--days must be a positive number");
  process.exit(2);
}
const toDay = day(arg("to"), "to");
const to = toDay ? utcDayRange(toDay, toDay).to : new Date();
const from = day(arg("from"), "from") ?? new Date(to.getTime() - days * DAY_MS);
if (from >= to) {
  console.error("--from must be before --to");
  process.exit(2);
}

await runWithDatabase(async () => {
  const bar = createProgressBar();
  console.log(`Reconciling Stripe with the ledger for ${from.toISOString()} – ${to.toISOString()}…`);
  const { report } = await runReconciliation({
    from,
    to,
    startedBy: "command line",
    onProgress: (p) => bar.update(`${p.phaseIndex + 1}/${p.phases} ${p.phase}`, p.fraction, `${p.seen} seen`),
  });
  bar.done();
  for (const line of describeReport(report)) console.log(line);
});
