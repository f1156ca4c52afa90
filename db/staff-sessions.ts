import { and, desc, eq, gt, lt, ne, or } from "drizzle-orm";
import { db } from "./client";
import { staffSessions, type StaffSession } from "./schema";

export type { StaffSession };
export type StaffSessionStage = StaffSession["stage"];

export async function createStaffSession(row: StaffSession): Promise<void> {
  await (await db()).insert(staffSessions).values(row);
}

/**
 * The live session with this token hash, its last-seen time moved to `now` in the same statement;
 * null when there is none, it has passed its absolute expiry, or it was idle since before `idleSince`.
 */
export async function touchStaffSession(tokenHash: string, now: Date, idleSince: Date): Promise<StaffSession | null> {
  const [row] = await (await db())
    .update(staffSessions)
    .set({ lastSeenAt: now })
    .where(and(eq(staffSessions.tokenHash, tokenHash), gt(staffSessions.expiresAt, now), gt(staffSessions.lastSeenAt, idleSince)))
    .returning();
  return row ?? null;
}

/**
 * Moves a session to its next stage under a new token (a session that gains rights gets a new
 * id, so a token seen before the second factor is worth nothing after it). Null if it is gone.
 */
export async function advanceStaffSession(tokenHash: string, next: { tokenHash: string; stage: StaffSessionStage; expiresAt: Date; now: Date }): Promise<StaffSession | null> {
  const [row] = await (await db())
    .update(staffSessions)
    .set({ tokenHash: next.tokenHash, stage: next.stage, expiresAt: next.expiresAt, createdAt: next.now, lastSeenAt: next.now })
    .where(and(eq(staffSessions.tokenHash, tokenHash), gt(staffSessions.expiresAt, next.now)))
    .returning();
  return row ?? null;
}

export async function deleteStaffSession(tokenHash: string): Promise<void> {
  await (await db()).delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
}

/** Ends one of the account's own sessions; false when it was not theirs or had already ended. */
export async function endOwnStaffSession(staffId: number, tokenHash: string): Promise<boolean> {
  const rows = await (await db())
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), eq(staffSessions.tokenHash, tokenHash)))
    .returning({ tokenHash: staffSessions.tokenHash });
  return rows.length > 0;
}

/** Ends every session of the account but `keepTokenHash`; answers how many ended. */
export async function endOtherStaffSessions(staffId: number, keepTokenHash: string): Promise<number> {
  const rows = await (await db())
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), ne(staffSessions.tokenHash, keepTokenHash)))
    .returning({ tokenHash: staffSessions.tokenHash });
  return rows.length;
}

/** The account's signed-in sessions that still work, most recently used first. */
export async function listStaffSessions(staffId: number, now: Date, idleSince: Date): Promise<StaffSession[]> {
  return (await db())
    .select()
    .from(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), eq(staffSessions.stage, "complete"), gt(staffSessions.expiresAt, now), gt(staffSessions.lastSeenAt, idleSince)))
    .orderBy(desc(staffSessions.lastSeenAt));
}

export async function pruneStaffSessions(now: Date, idleSince: Date): Promise<void> {
  await (await db()).delete(staffSessions).where(or(lt(staffSessions.expiresAt, now), lt(staffSessions.lastSeenAt, idleSince)));
}
