import { describe, expect, it } from "vitest";
import { countRefusedCheckoutAttempts, isClientOverCheckoutLimit, registerCheckoutAttempt } from "./checkout-limits";

const limits = { perClient: 10, perSession: 3, windowMinutes: 10 };

describe("registerCheckoutAttempt", () => {
  it("allows a browser session up to its limit, then refuses and records it", async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await registerCheckoutAttempt("client-a", "session-a", limits));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[3]).toEqual({ allowed: false, reason: "session" });
  });

  it("caps one address across many sessions, even when attempts arrive all at once", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => registerCheckoutAttempt("client-b", `session-b-${i}`, limits)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.filter((r) => !r.allowed && r.reason === "client")).toHaveLength(40);
    expect(await isClientOverCheckoutLimit("client-b", limits)).toBe(true);
    expect(await isClientOverCheckoutLimit("client-c", limits)).toBe(false);
  });

  it("keeps refused attempts for staff", async () => {
    expect(await countRefusedCheckoutAttempts(new Date(Date.now() - 60_000))).toBeGreaterThanOrEqual(42);
  });
});
