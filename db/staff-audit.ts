import { desc, eq, lt, and, type SQL } from "drizzle-orm";
import { db } from "./client";
import { staffAuditLog } from "./schema";

export type StaffAuditEntry = typeof staffAuditLog.$inferSelect;
export type NewStaffAuditEntry = Pick<StaffAuditEntry, "staffId" | "email" | "action" | "addressHash"> & { detail?: Record<string, unknown> };

export async function recordStaffAction(entry: NewStaffAuditEntry): Promise<void> {
  await (await db()).insert(staffAuditLog).values({ ...entry, email: entry.email.slice(0, 254), detail: entry.detail ?? {} });
}

/** Newest first, `limit` a page, older than the entry `before` when given; optionally one action only. */
export async function listStaffActions(q: { limit: number; before?: number; action?: string }): Promise<StaffAuditEntry[]> {
  const where: SQL[] = [];
  if (q.before !== undefined) where.push(lt(staffAuditLog.id, q.before));
  if (q.action) where.push(eq(staffAuditLog.action, q.action));
  return (await db())
    .select()
    .from(staffAuditLog)
    .where(and(...where))
    .orderBy(desc(staffAuditLog.id))
    .limit(q.limit);
}
