import type PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/db/client";
import { createJobQueue, QUEUES } from "@/db/job-queue";
import { logEvent } from "@/lib/log";
import { sendOutboxEmail } from "@/lib/mail/send-email";
import { closeMailTransport } from "@/lib/mail/transport";
import { queueDueReminders } from "@/lib/supporters/reminders";
import { reconcileNightly } from "./nightly-reconciliation";

type EmailJob = { outboxId: number };

/** E-mails fetched per poll: the worker sends them side by side over the transport's pooled connections. */
const EMAIL_BATCH = 20;

/** Every minute: a reminder goes out within a minute or so of the time the reader chose. */
const REMINDER_SCHEDULE = "* * * * *";
/** 03:15 UTC, a quiet hour for a newsroom's readers in Europe. */
const RECONCILIATION_SCHEDULE = "15 3 * * *";

/**
 * The job worker: sends the outbox's e-mail (and, as they come, reminders and scheduled
 * reconciliations). Jobs that throw are retried by the queue with backoff; a stopped worker leaves
 * its jobs in the database for the next one.
 */
export async function startJobWorker(handle: DatabaseHandle, options: { pollingIntervalSeconds?: number } = {}): Promise<{ stop(): Promise<void> }> {
  const boss = createJobQueue(handle, { migrate: false, supervise: true, schedule: true });
  boss.on("error", (error) => logEvent("error", "jobs.queue_error", { error }));
  await boss.start();
  await boss.work<EmailJob>(
    QUEUES.email.name,
    { includeMetadata: true, batchSize: EMAIL_BATCH, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
    async (jobs: PgBoss.JobWithMetadata<EmailJob>[]) => {
      // Each e-mail succeeds or fails on its own: a failed one is handed back for a retry, and the
      // rest of the batch completes when this returns.
      await Promise.all(
        jobs.map(async (job) => {
          const lastAttempt = job.retryCount >= job.retryLimit;
          try {
            const outcome = await sendOutboxEmail(job.data.outboxId, { lastAttempt });
            logEvent("info", "email.sent", { outboxId: job.data.outboxId, outcome });
          } catch (error) {
            logEvent(lastAttempt ? "error" : "warn", "email.send_failed", { outboxId: job.data.outboxId, attempt: job.retryCount + 1, lastAttempt, error });
            await boss.fail(QUEUES.email.name, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }),
      );
    },
  );
  await boss.schedule(QUEUES.reminders.name, REMINDER_SCHEDULE);
  await boss.work(QUEUES.reminders.name, { pollingIntervalSeconds: 30 }, async () => {
    const queued = await queueDueReminders();
    if (queued > 0) logEvent("info", "reminders.queued", { queued });
  });
  await boss.schedule(QUEUES.reconciliation.name, RECONCILIATION_SCHEDULE);
  await boss.work(QUEUES.reconciliation.name, { pollingIntervalSeconds: 60 }, async () => {
    const outcome = await reconcileNightly();
    logEvent(outcome.disagreements > 0 ? "warn" : "info", "reconcile.nightly", outcome);
  });
  return {
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      closeMailTransport();
    },
  };
}
