import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import { db, type Database } from "./client";
import { signInAttempts, staff, staffRecoveryCodes, staffSessions, type Staff, type StaffRole } from "./schema";

export type { StaffRole };
export type StaffAccount = Pick<Staff, "id" | "email" | "name" | "role" | "createdAt" | "lastSignInAt"> & { twoFactor: boolean };

const account = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  createdAt: staff.createdAt,
  lastSignInAt: staff.lastSignInAt,
  twoFactor: sql<boolean>`(${staff.totpSecret} is not null)`.mapWith(Boolean),
};

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function findStaffForSignIn(email: string): Promise<(StaffAccount & { passwordHash: string }) | null> {
  const [row] = await (await db())
    .select({ ...account, passwordHash: staff.passwordHash })
    .from(staff)
    .where(eq(staff.email, normalizeEmail(email)))
    .limit(1);
  return row ?? null;
}

export async function getStaffById(id: number): Promise<StaffAccount | null> {
  const [row] = await (await db()).select(account).from(staff).where(eq(staff.id, id)).limit(1);
  return row ?? null;
}

export async function listStaffAccounts(): Promise<StaffAccount[]> {
  return (await db()).select(account).from(staff).orderBy(asc(staff.email));
}

/**
 * Creates the account (read-only unless a role is given), or resets its password (and name and
 * role, when given) if it exists. A reset ends every session of the account.
 */
export async function saveStaffAccount(a: { email: string; name: string | null; passwordHash: string; role?: StaffRole }): Promise<"created" | "reset"> {
  const email = normalizeEmail(a.email);
  return (await db()).transaction(async (tx) => {
    const [row] = await tx
      .insert(staff)
      .values({ email, name: a.name ?? email, passwordHash: a.passwordHash, role: a.role ?? "read-only" })
      .onConflictDoUpdate({
        target: staff.email,
        set: {
          passwordHash: sql`excluded.password_hash`,
          name: a.name === null ? sql`${staff.name}` : sql`excluded.name`,
          role: a.role === undefined ? sql`${staff.role}` : sql`excluded.role`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: staff.id, inserted: sql<boolean>`(xmax = 0)` });
    if (row!.inserted) return "created";
    await tx.delete(staffSessions).where(eq(staffSessions.staffId, row!.id));
    return "reset";
  });
}

/** A new password from the account page: every other session of the account ends, this one stays. */
export async function changeStaffPassword(id: number, passwordHash: string, keepTokenHash: string): Promise<void> {
  await (await db()).transaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, updatedAt: sql`now()` }).where(eq(staff.id, id));
    await tx.delete(staffSessions).where(and(eq(staffSessions.staffId, id), ne(staffSessions.tokenHash, keepTokenHash)));
  });
}

export async function getStaffTotp(id: number): Promise<{ secret: string; lastStep: number | null } | null> {
  const [row] = await (await db()).select({ secret: staff.totpSecret, lastStep: staff.totpLastStep }).from(staff).where(eq(staff.id, id)).limit(1);
  return row?.secret ? { secret: row.secret, lastStep: row.lastStep } : null;
}

/** Turns two-factor on with a confirmed (encrypted) secret and a fresh set of hashed recovery codes, replacing any before. */
export async function enableStaffTotp(id: number, secret: string, step: number, recoveryCodeHashes: string[]): Promise<void> {
  await (await db()).transaction(async (tx) => {
    await tx.update(staff).set({ totpSecret: secret, totpLastStep: step, updatedAt: sql`now()` }).where(eq(staff.id, id));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, id));
    await tx.insert(staffRecoveryCodes).values(recoveryCodeHashes.map((codeHash) => ({ staffId: id, codeHash })));
  });
}

/** For an administrator when a phone and its recovery codes are lost: two-factor off, every session ended. */
export async function resetStaffTotp(email: string): Promise<boolean> {
  return (await db()).transaction(async (tx) => {
    const [row] = await tx.update(staff).set({ totpSecret: null, totpLastStep: null, updatedAt: sql`now()` }).where(eq(staff.email, normalizeEmail(email))).returning({ id: staff.id });
    if (!row) return false;
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, row.id));
    await tx.delete(staffSessions).where(eq(staffSessions.staffId, row.id));
    return true;
  });
}

/**
 * Accepts a code's time step only if it is later than the last one accepted, in one statement, so
 * the same code (or an earlier one) cannot be used twice, even by two requests at once.
 */
export async function claimTotpStep(id: number, step: number): Promise<boolean> {
  const rows = await (await db())
    .update(staff)
    .set({ totpLastStep: step })
    .where(and(eq(staff.id, id), or(isNull(staff.totpLastStep), lt(staff.totpLastStep, step))))
    .returning({ id: staff.id });
  return rows.length > 0;
}

/** Uses up a recovery code: true once, for an unused code of this account. */
export async function useRecoveryCode(id: number, codeHash: string, at: Date): Promise<boolean> {
  const rows = await (await db())
    .update(staffRecoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(staffRecoveryCodes.staffId, id), eq(staffRecoveryCodes.codeHash, codeHash), isNull(staffRecoveryCodes.usedAt)))
    .returning({ id: staffRecoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(id: number): Promise<number> {
  const [row] = await (await db())
    .select({ n: sql<number>`count(*)::int` })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.staffId, id), isNull(staffRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function removeStaffAccount(email: string): Promise<boolean> {
  const rows = await (await db()).delete(staff).where(eq(staff.email, normalizeEmail(email))).returning({ id: staff.id });
  return rows.length > 0;
}

export async function markSignedIn(id: number, at: Date): Promise<void> {
  await (await db()).update(staff).set({ lastSignInAt: at }).where(eq(staff.id, id));
}

export type SignInOutcome = (typeof signInAttempts.$inferSelect)["outcome"];

type Reader = Pick<Database, "select">;
export type SignInFailures = { byEmail: Date[]; byIp: Date[] };

/**
 * Failed (or still running) attempts since `since`, newest first, for the typed e-mail and for the
 * client address. For the e-mail, a success clears what came before it; for an address it does
 * not, so signing in to one's own account cannot reset a guessing run against another.
 */
async function recentSignInFailures(d: Reader, q: { email: string; ip: string; since: Date; limit: number }): Promise<SignInFailures> {
  const email = normalizeEmail(q.email);
  const failing = inArray(signInAttempts.outcome, ["failed", "pending"]);
  const lastSuccess = d
    .select({ at: sql`max(${signInAttempts.attemptedAt})` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.outcome, "succeeded")));
  const byEmail = await d
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), failing, gt(signInAttempts.attemptedAt, q.since), sql`${signInAttempts.attemptedAt} > coalesce((${lastSuccess}), '-infinity')`))
    .orderBy(desc(signInAttempts.attemptedAt))
    .limit(q.limit);
  const byIp = await d
    .select({ at: signInAttempts.attemptedAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, q.ip), failing, gt(signInAttempts.attemptedAt, q.since)))
    .orderBy(desc(signInAttempts.attemptedAt))
    .limit(q.limit);
  return { byEmail: byEmail.map((r) => r.at), byIp: byIp.map((r) => r.at) };
}

/**
 * Counts the recent failures for the e-mail and the address and records this attempt as `decide`
 * says (pending: its password will be checked; refused), as one step: the transaction holds an
 * advisory lock on the e-mail and one on the address, so attempts side by side are counted one
 * after another and each sees the pending attempts before it. Without it, 40 attempts at once all
 * read "no failures yet" and all had their password checked.
 */
export async function claimSignInAttempt(
  q: { email: string; ip: string; at: Date; since: Date; limit: number },
  decide: (failures: SignInFailures) => "pending" | "refused",
): Promise<{ id: number; outcome: "pending" | "refused"; failures: SignInFailures }> {
  const email = normalizeEmail(q.email);
  // Sorted, so two attempts never wait on each other's second lock.
  const keys = [`sign-in:email:${email}`, `sign-in:ip:${q.ip}`].sort();
  return (await db()).transaction(async (tx) => {
    for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    const failures = await recentSignInFailures(tx, q);
    const outcome = decide(failures);
    const [row] = await tx
      .insert(signInAttempts)
      .values({ email, ip: q.ip, outcome, attemptedAt: q.at })
      .returning({ id: signInAttempts.id });
    return { id: row!.id, outcome, failures };
  });
}

export async function settleSignInAttempt(id: number, outcome: "failed" | "succeeded"): Promise<void> {
  await (await db()).update(signInAttempts).set({ outcome }).where(eq(signInAttempts.id, id));
}

export async function pruneSignInAttempts(before: Date): Promise<void> {
  await (await db()).delete(signInAttempts).where(lt(signInAttempts.attemptedAt, before));
}
