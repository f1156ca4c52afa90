import { describe, expect, it } from "vitest";
import { describeSubscription } from "./subscription-status";

const base = { status: "active", cancelAtPeriodEnd: false, cancelAt: null, canceledAt: null, endedAt: null, currentPeriodEnd: new Date("2026-12-28T10:00:00Z"), pauseBehavior: null, pauseResumesAt: null };

describe("describeSubscription", () => {
  it("gives one status: active, ending (scheduled), cancelled (ended), paused", () => {
    expect(describeSubscription(base)).toEqual({ status: "active", detail: null, renewal: "renews 28 Dec 2026" });
    expect(describeSubscription({ ...base, cancelAtPeriodEnd: true, canceledAt: new Date("2026-12-02T09:00:00Z") })).toEqual({
      status: "ending",
      detail: "active until 28 Dec 2026; cancellation asked for 2 Dec 2026",
      renewal: "ends 28 Dec 2026",
    });
    expect(describeSubscription({ ...base, status: "canceled", canceledAt: new Date("2026-12-02T09:00:00Z"), endedAt: new Date("2026-12-02T09:00:00Z") })).toMatchObject({ status: "cancelled", detail: "ended 2 Dec 2026" });
    expect(describeSubscription({ ...base, pauseBehavior: "void", pauseResumesAt: new Date("2027-01-15T00:00:00Z") })).toMatchObject({ status: "paused", renewal: "resumes 15 Jan 2027" });
    expect(describeSubscription({ ...base, status: "past_due" }).status).toBe("past due");
  });
});
