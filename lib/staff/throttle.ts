/**
 * Sign-in throttling: a growing delay on each failure, then a lock-out. The same rule applies to
 * an e-mail (known or not) and to a client address; the stricter of the two wins.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  maxFailures: 5,
  lockMs: 15 * 60_000,
  /** Delay before checking the password, indexed by failures already seen (capped at the last). */
  delaysMs: [0, 250, 500, 1000, 2000],
} as const;

export type ThrottleDecision = { kind: "allow"; delayMs: number } | { kind: "locked"; retryAt: Date };

/** `failures` holds the failed attempts inside the window, newest first. */
function decide(failures: readonly Date[], now: Date): ThrottleDecision {
  if (failures.length >= THROTTLE.maxFailures) {
    // Refused attempts are not failures, so the newest failure is the one that reached the limit.
    const retryAt = new Date(failures[0]!.getTime() + THROTTLE.lockMs);
    if (retryAt > now) return { kind: "locked", retryAt };
  }
  const delayMs = THROTTLE.delaysMs[Math.min(failures.length, THROTTLE.delaysMs.length - 1)] ?? 0;
  return { kind: "allow", delayMs };
}

export function throttleDecision(failures: { byEmail: readonly Date[]; byIp: readonly Date[] }, now: Date): ThrottleDecision {
  const a = decide(failures.byEmail, now);
  const b = decide(failures.byIp, now);
  if (a.kind === "locked" && b.kind === "locked") return a.retryAt > b.retryAt ? a : b;
  if (a.kind === "locked") return a;
  if (b.kind === "locked") return b;
  return { kind: "allow", delayMs: Math.max(a.delayMs, b.delayMs) };
}

export const minutesUntil = (at: Date, now: Date): number => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 60_000));
