import { and, desc, eq, sql } from "drizzle-orm";
import { env } from "@/lib/env";
import { db } from "./client";
import type { Ledger } from "./donations";
import { enqueueJob } from "./job-queue";
import { emailOutbox, type OutboxEmail } from "./schema";

export type NewOutboxEmail = { dedupeKey: string; kind: string; toAddress: string; data: Record<string, unknown> };

/**
 * Writes an e-mail and its send job in the caller's transaction. The same `dedupeKey` twice (a
 * redelivered event, a concurrent one) is one e-mail: the second insert does nothing and queues nothing.
 */
export async function queueEmail(ledger: Ledger, email: NewOutboxEmail): Promise<number | null> {
  const [row] = await ledger.insert(emailOutbox).values(email).onConflictDoNothing({ target: emailOutbox.dedupeKey }).returning({ id: emailOutbox.id });
  if (!row) return null;
  await enqueueJob(ledger, "email", { outboxId: row.id }, { retryDelay: env.EMAIL_RETRY_SECONDS });
  return row.id;
}

/** A transaction of its own, for an e-mail that is not part of a webhook's ledger write. */
export async function inTransaction<T>(run: (ledger: Ledger) => Promise<T>): Promise<T> {
  return (await db()).transaction(run);
}

export async function getOutboxEmail(id: number): Promise<OutboxEmail | null> {
  const [row] = await (await db()).select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  return row ?? null;
}

/** Marks a pending e-mail sent; false when another worker already had (its job ran twice). */
export async function markEmailSent(id: number, messageId: string, at = new Date()): Promise<boolean> {
  const rows = await (await db())
    .update(emailOutbox)
    .set({ status: "sent", messageId, sentAt: at, attempts: sql`${emailOutbox.attempts} + 1`, lastError: null })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "pending")))
    .returning({ id: emailOutbox.id });
  return rows.length > 0;
}

/** Records a failed attempt; `final` when the queue will not try again. */
export async function markEmailAttemptFailed(id: number, error: string, final: boolean): Promise<void> {
  await (await db())
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, lastError: error.slice(0, 500), ...(final ? { status: "failed" as const } : {}) })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "pending")));
}

export async function listOutboxEmails(limit = 50): Promise<OutboxEmail[]> {
  return (await db()).select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id)).limit(limit);
}

/** Staff's "resend" for an e-mail the queue gave up on: pending again, with a new job, in one transaction. */
export async function requeueFailedEmail(id: number): Promise<boolean> {
  return (await db()).transaction(async (tx) => {
    const rows = await tx
      .update(emailOutbox)
      .set({ status: "pending", lastError: null })
      .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")))
      .returning({ id: emailOutbox.id });
    if (rows.length === 0) return false;
    await enqueueJob(tx, "email", { outboxId: id }, { retryDelay: env.EMAIL_RETRY_SECONDS });
    return true;
  });
}
