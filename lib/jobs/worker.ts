import type PgBoss from "pg-boss";
import type { DatabaseHandle } from "@/db/client";
import { createJobQueue, QUEUES } from "@/db/job-queue";
import { logEvent } from "@/lib/log";
import { sendOutboxEmail } from "@/lib/mail/send-email";
import { closeMailTransport } from "@/lib/mail/transport";

type EmailJob = { outboxId: number };

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
    { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
    async ([job]: PgBoss.JobWithMetadata<EmailJob>[]) => {
      if (!job) return;
      const lastAttempt = job.retryCount >= job.retryLimit;
      try {
        const outcome = await sendOutboxEmail(job.data.outboxId, { lastAttempt });
        logEvent("info", "email.sent", { outboxId: job.data.outboxId, outcome });
      } catch (error) {
        logEvent(lastAttempt ? "error" : "warn", "email.send_failed", { outboxId: job.data.outboxId, attempt: job.retryCount + 1, lastAttempt, error });
        throw error;
      }
    },
  );
  return {
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      closeMailTransport();
    },
  };
}
