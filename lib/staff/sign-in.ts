import { findStaffForSignIn, markSignedIn, pruneSignInAttempts, recentSignInFailures, recordSignInAttempt, settleSignInAttempt, type StaffAccount } from "@/db/staff";
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
 * the same answer after the same work. The attempt is written as pending before the password is
 * checked, so attempts running side by side already count against each other.
 */
export async function signIn(input: { email: string; password: string; ip: string }, deps: SignInDeps = realDeps): Promise<SignInResult> {
  const now = deps.now();
  const failures = await recentSignInFailures({ email: input.email, ip: input.ip, since: new Date(now.getTime() - THROTTLE.windowMs), limit: THROTTLE.maxFailures });
  const decision = throttleDecision(failures, now);
  if (decision.kind === "locked") {
    await recordSignInAttempt({ email: input.email, ip: input.ip, outcome: "refused", at: now });
    return { ok: false, reason: "locked", retryInMinutes: minutesUntil(decision.retryAt, now) };
  }
  const attempt = await recordSignInAttempt({ email: input.email, ip: input.ip, outcome: "pending", at: now });
  await deps.sleep(decision.delayMs);
  const account = await findStaffForSignIn(input.email);
  const ok = await verifyPassword(account?.passwordHash ?? null, input.password);
  await settleSignInAttempt(attempt, ok ? "succeeded" : "failed");
  if (!ok || !account) return { ok: false, reason: "invalid" };
  await markSignedIn(account.id, now);
  await pruneSignInAttempts(new Date(now.getTime() - 86_400_000));
  const { passwordHash: _, ...rest } = account;
  return { ok: true, account: rest };
}
