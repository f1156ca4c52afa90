/**
 * `npm run worker`: the job worker on its own (production runs it as its own process beside the
 * site; `npm start` and `npm run start:prod` run it for you). Sends the outbox's e-mail with retries.
 * SIGTERM finishes the job in hand and stops.
 */
import { assertDatabaseReachable, closeDatabase, getDatabase } from "@/db/client";
import { startJobWorker } from "@/lib/jobs/worker";
import { logEvent } from "@/lib/log";

const handle = await getDatabase();
await assertDatabaseReachable(handle);
const worker = await startJobWorker(handle);
logEvent("info", "jobs.worker_started", { database: handle.label });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await closeDatabase();
  process.exit(0);
};
process.on("SIGTERM", stop).on("SIGINT", stop);
