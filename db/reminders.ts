import { and, asc, count, eq, gte, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { db } from "./client";
import type { Ledger } from "./donations";
import { reminders, reminderStops, type Reminder } from "./schema";

export type NewReminder = { email: string; emailHash: string; period: string; placement: string | null; sourcePath: string | null; dueAt: Date };

/**
 * Pledges a reminder, or moves the address's pending one to the new time (one pending reminder per
 * address, however often the form is sent). An address that asked for no more reminders gets none.
 */
export async function pledgeReminder(reminder: NewReminder): Promise<"pledged" | "stopped"> {
  return (await db()).transaction(async (tx) => {
    const [stop] = await tx.select({ hash: reminderStops.emailHash }).from(reminderStops).where(eq(reminderStops.emailHash, reminder.emailHash)).limit(1);
    if (stop) return "stopped";
    await tx
      .insert(reminders)
      .values(reminder)
      .onConflictDoUpdate({
        target: reminders.emailHash,
        targetWhere: sql`${reminders.status} = 'pending'`,
        set: { email: reminder.email, period: reminder.period, placement: reminder.placement, sourcePath: reminder.sourcePath, dueAt: reminder.dueAt, createdAt: sql`now()` },
      });
    return "pledged";
  });
}

export async function getReminder(id: number): Promise<Reminder | null> {
  const [row] = await (await db()).select().from(reminders).where(eq(reminders.id, id)).limit(1);
  return row ?? null;
}

/**
 * Hands the reminders due by `asOf` to `queue` (which writes their e-mail in the same transaction),
 * then marks them sent and erases the address. Rows another worker holds are skipped, so two
 * workers, or a worker and the CLI, never queue one reminder twice.
 */
export async function sendDueReminders(asOf: Date, queue: (ledger: Ledger, reminder: Reminder & { email: string }) => Promise<void>, limit = 200): Promise<number> {
  return (await db()).transaction(async (tx) => {
    const due = await tx
      .select()
      .from(reminders)
      .where(and(eq(reminders.status, "pending"), lte(reminders.dueAt, asOf), isNotNull(reminders.email)))
      .orderBy(asc(reminders.dueAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const reminder of due) await queue(tx, reminder as Reminder & { email: string });
    for (const { id } of due) await tx.update(reminders).set({ status: "sent", sentAt: asOf, email: null }).where(eq(reminders.id, id));
    return due.length;
  });
}

/** "No more reminders" for the address behind this reminder: remembered as a hash, pending ones dropped. */
export async function stopReminders(reminderId: number, at = new Date()): Promise<boolean> {
  return (await db()).transaction(async (tx) => {
    const [reminder] = await tx.select({ emailHash: reminders.emailHash }).from(reminders).where(eq(reminders.id, reminderId)).limit(1);
    if (!reminder) return false;
    await tx.insert(reminderStops).values({ emailHash: reminder.emailHash, createdAt: at }).onConflictDoNothing();
    await tx
      .update(reminders)
      .set({ status: "stopped", stoppedAt: at, email: null })
      .where(and(eq(reminders.emailHash, reminder.emailHash), eq(reminders.status, "pending")));
    return true;
  });
}

/** A checkout opened from a sent reminder's link was completed (the webhook's transaction); the first one counts. */
export async function markReminderConverted(ledger: Ledger, reminderId: number, sessionId: string, at: Date): Promise<void> {
  await ledger
    .update(reminders)
    .set({ convertedAt: at, convertedSessionId: sessionId })
    .where(and(eq(reminders.id, reminderId), eq(reminders.status, "sent"), isNull(reminders.convertedAt)));
}

export type ReminderSummary = { placement: string | null; period: string; pledged: number; sent: number; stopped: number; converted: number };

/** Reminders pledged since `since`, by where they were asked for and for how long, and how many became gifts. */
export async function summarizeReminders(since: Date): Promise<ReminderSummary[]> {
  const rows = await (await db())
    .select({
      placement: reminders.placement,
      period: reminders.period,
      pledged: count(),
      sent: count(reminders.sentAt),
      stopped: count(reminders.stoppedAt),
      converted: count(reminders.convertedAt),
    })
    .from(reminders)
    .where(gte(reminders.createdAt, since))
    .groupBy(reminders.placement, reminders.period)
    .orderBy(asc(reminders.placement), asc(reminders.period));
  return rows;
}
