import { describe, expect, it } from "vitest";
import { parsePeriod, periodParams } from "./period";

const now = new Date("2026-11-28T15:30:00Z");

describe("parsePeriod", () => {
  it("defaults to this month, in UTC", () => {
    const p = parsePeriod({}, now);
    expect(p).toMatchObject({ choice: "month", firstDay: "2026-11-01", lastDay: "2026-11-30", label: "November 2026 (this month)" });
    expect(p.from.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(p.to.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(periodParams(p)).toEqual({});
  });

  it("counts the last 30 and 90 days with today included", () => {
    const p = parsePeriod({ period: "30d" }, now);
    expect(p).toMatchObject({ firstDay: "2026-10-30", lastDay: "2026-11-28", label: "Last 30 days" });
    expect(parsePeriod({ period: "90d" }, now).firstDay).toBe("2026-08-31");
  });

  it("takes a custom range of whole days, and falls back to this month when it is unreadable", () => {
    const p = parsePeriod({ period: "custom", from: "2026-01-01", to: "2026-01-31" }, now);
    expect(p).toMatchObject({ choice: "custom", firstDay: "2026-01-01", lastDay: "2026-01-31", label: "1 Jan 2026 – 31 Jan 2026" });
    expect(p.to.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(periodParams(p)).toEqual({ period: "custom", from: "2026-01-01", to: "2026-01-31" });
    for (const bad of [{ from: "2026-02-30", to: "2026-03-01" }, { from: "2026-03-01", to: "2026-02-01" }, { from: "x", to: "y" }, { from: "2000-01-01", to: "2026-01-01" }]) {
      expect(parsePeriod({ period: "custom", ...bad }, now).choice).toBe("month");
    }
  });
});
