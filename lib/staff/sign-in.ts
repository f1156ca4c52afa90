import { claimSignInAttempt, findStaffForSignIn, markSignedIn, pruneSignInAttempts, settleSignInAttempt, type StaffAccount } from "@/db/staff";
import { verifyPassword } from "./password";
import { minutesUntil, THROTTLE, throttleDecision } from "./throttle";

export type SignInResult =
  | { ok: true; account: StaffAccount }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryInMinutes: number };

export type SignInDeps = { now: () => Date; sleep: (ms: number) => Promise<void> };

const realDeps: SignInDeps = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * Checks an e-mail and password under the throttle. An unknown e-mail and a wrong password get
 * the same answer after the same work. Counting the earlier failures and writing this attempt as
 * pending is one atomic step (db/staff.ts), so attempts running side by side count against each
 * other: however many arrive at once, at most THROTTLE.maxFailures passwords are checked.
 */
export async function signIn(input: { email: string; password: string; ip: string }, deps: SignInDeps = realDeps): Promise<SignInResult> {
  const now = deps.now();
  const attempt = await claimSignInAttempt(
    { email: input.email, ip: input.ip, at: now, since: new Date(now.getTime() - THROTTLE.windowMs), limit: THROTTLE.maxFailures },
    (failures) => (throttleDecision(failures, now).kind === "locked" ? "refused" : "pending"),
  );
  const decision = throttleDecision(attempt.failures, now);
  if (decision.kind === "locked") return { ok: false, reason: "locked", retryInMinutes: minutesUntil(decision.retryAt, now) };
  await deps.sleep(decision.delayMs);
  const account = await findStaffForSignIn(input.email);
  const ok = await verifyPassword(account?.passwordHash ?? null, input.password);
  await settleSignInAttempt(attempt.id, ok ? "succeeded" : "failed");
  if (!ok || !account) return { ok: false, reason: "invalid" };
  await markSignedIn(account.id, now);
  await pruneSignInAttempts(new Date(now.getTime() - 86_400_000));
  const { passwordHash: _, ...rest } = account;
  return { ok: true, account: rest };
}
