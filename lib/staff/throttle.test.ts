import { describe, expect, it } from "vitest";
import { minutesUntil, THROTTLE, throttleDecision } from "./throttle";

const now = new Date("2026-11-28T12:00:00Z");
const minutesAgo = (...m: number[]) => m.map((x) => new Date(now.getTime() - x * 60_000));

describe("throttleDecision", () => {
  it("lets a first attempt through at once and slows each failure more", () => {
    expect(throttleDecision({ byEmail: [], byIp: [] }, now)).toEqual({ kind: "allow", delayMs: 0 });
    const delays = [1, 2, 3, 4].map((n) => throttleDecision({ byEmail: minutesAgo(...Array.from({ length: n }, () => 1)), byIp: [] }, now));
    expect(delays.map((d) => (d.kind === "allow" ? d.delayMs : -1))).toEqual([250, 500, 1000, 2000]);
  });

  it("locks for 15 minutes after the fifth failure, by e-mail or by address", () => {
    const five = minutesAgo(2, 3, 4, 5, 6);
    const byEmail = throttleDecision({ byEmail: five, byIp: [] }, now);
    expect(byEmail).toEqual({ kind: "locked", retryAt: new Date(now.getTime() + 13 * 60_000) });
    expect(throttleDecision({ byEmail: [], byIp: five }, now).kind).toBe("locked");
    expect(minutesUntil((byEmail as { retryAt: Date }).retryAt, now)).toBe(13);
  });

  it("takes the later lock when both are locked, and the longer delay when neither is", () => {
    const d = throttleDecision({ byEmail: minutesAgo(1, 1, 1, 1, 1), byIp: minutesAgo(10, 10, 10, 10, 10) }, now);
    expect(d).toEqual({ kind: "locked", retryAt: new Date(now.getTime() + 14 * 60_000) });
    expect(throttleDecision({ byEmail: minutesAgo(1), byIp: minutesAgo(1, 1, 1) }, now)).toEqual({ kind: "allow", delayMs: 1000 });
  });

  it("says at least one minute while a lock lasts", () => {
    expect(minutesUntil(new Date(now.getTime() + 5_000), now)).toBe(1);
    expect(THROTTLE.maxFailures).toBe(5);
  });
});
