/**
 * `npm run reminders:send-due -- [--as-of 2026-12-10T09:00:00Z]`
 * Queues the e-mail of every "Remind me later" reminder due by then (default: now), as the worker's
 * schedule does each minute; the worker sends them. A chosen clock lets a test or a newsroom
 * see what a day's reminders would be without waiting for it. Running it twice queues nothing more.
 */
import { queueDueReminders } from "@/lib/supporters/reminders";
import { runWithDatabase } from "./cli";

const i = process.argv.indexOf("--as-of");
const asOf = i >= 0 ? new Date(process.argv[i + 1] ?? "") : new Date();
if (Number.isNaN(asOf.getTime())) {
  console.error("--as-of must be a date and time like 2026-12-10T09:00:00Z");
  process.exit(2);
}

await runWithDatabase(async () => {
  const queued = await queueDueReminders(asOf);
  console.log(`Queued ${queued} reminder e-mail${queued === 1 ? "" : "s"} due by ${asOf.toISOString()}.`);
});
