import { claimSignInAttempt, claimTotpStep, getStaffTotp, settleSignInAttempt, useRecoveryCode, type StaffAccount } from "@/db/staff";
import { minutesUntil, THROTTLE, throttleDecision } from "./throttle";
import { hashRecoveryCode, looksLikeTotpCode, normalizeRecoveryCode, openSecret, totpStep } from "./two-factor";

export type SecondFactorResult =
  | { ok: true; method: "totp" | "recovery-code" }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryInMinutes: number };

type Deps = { now: () => Date; sleep: (ms: number) => Promise<void> };
const realDeps: Deps = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/**
 * Checks an authenticator code (once per time step: a code seen over a shoulder is spent) or a
 * recovery code (once ever), under the same throttle and atomic claim as passwords, counted for the
 * account apart from its password attempts: five wrong codes and the account's second step is
 * refused for 15 minutes, however many attempts run side by side.
 */
export async function checkSecondFactor(input: { account: Pick<StaffAccount, "id" | "email">; code: string; ip: string }, deps: Deps = realDeps): Promise<SecondFactorResult> {
  const now = deps.now();
  const attempt = await claimSignInAttempt(
    { email: `second-factor:${input.account.email}`, ip: input.ip, at: now, since: new Date(now.getTime() - THROTTLE.windowMs), limit: THROTTLE.maxFailures },
    (failures) => (throttleDecision(failures, now).kind === "locked" ? "refused" : "pending"),
  );
  const decision = throttleDecision(attempt.failures, now);
  if (decision.kind === "locked") return { ok: false, reason: "locked", retryInMinutes: minutesUntil(decision.retryAt, now) };
  await deps.sleep(decision.delayMs);
  const code = input.code.trim();
  let method: "totp" | "recovery-code" | null = null;
  if (looksLikeTotpCode(code.replace(/\s/g, ""))) {
    const stored = await getStaffTotp(input.account.id);
    const secret = stored && openSecret(stored.secret);
    const step = secret ? totpStep(secret, code.replace(/\s/g, ""), now) : null;
    if (step !== null && (await claimTotpStep(input.account.id, step))) method = "totp";
  } else {
    const normalized = normalizeRecoveryCode(code);
    if (normalized && (await useRecoveryCode(input.account.id, hashRecoveryCode(normalized), now))) method = "recovery-code";
  }
  await settleSignInAttempt(attempt.id, method ? "succeeded" : "failed");
  return method ? { ok: true, method } : { ok: false, reason: "invalid" };
}
