import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { db, type Database } from "./client";
import { signInAttempts, staff, type Staff } from "./schema";

export type StaffAccount = Pick<Staff, "id" | "email" | "name" | "sessionVersion" | "createdAt" | "lastSignInAt">;

const account = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  sessionVersion: staff.sessionVersion,
  createdAt: staff.createdAt,
  lastSignInAt: staff.lastSignInAt,
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
 * Creates the account, or resets its password (and name, when given) if it exists. A reset bumps
 * the session version, which signs the account out everywhere.
 */
export async function saveStaffAccount(a: { email: string; name: string | null; passwordHash: string }): Promise<"created" | "reset"> {
  const email = normalizeEmail(a.email);
  const [row] = await (await db())
    .insert(staff)
    .values({ email, name: a.name ?? email, passwordHash: a.passwordHash })
    .onConflictDoUpdate({
      target: staff.email,
      set: {
        passwordHash: sql`excluded.password_hash`,
        name: a.name === null ? sql`${staff.name}` : sql`excluded.name`,
        sessionVersion: sql`${staff.sessionVersion} + 1`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ sessionVersion: staff.sessionVersion });
  return row?.sessionVersion === 1 ? "created" : "reset";
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
