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

  it("takes a custom range of whole days", () => {
    const p = parsePeriod({ period: "custom", from: "2026-01-01", to: "2026-01-31" }, now);
    expect(p).toMatchObject({ choice: "custom", firstDay: "2026-01-01", lastDay: "2026-01-31", label: "1 Jan 2026 – 31 Jan 2026", problems: [] });
    expect(p.to.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(periodParams(p)).toEqual({ period: "custom", from: "2026-01-01", to: "2026-01-31" });
  });

  it("takes dates changed without choosing “Custom range” as a custom range, and the preset's own dates as the preset", () => {
    expect(parsePeriod({ period: "month", from: "2026-10-01", to: "2026-10-31" }, now)).toMatchObject({ choice: "custom", firstDay: "2026-10-01", lastDay: "2026-10-31", problems: [] });
    expect(parsePeriod({ period: "30d", from: "2026-10-30", to: "2026-11-10" }, now)).toMatchObject({ choice: "custom", lastDay: "2026-11-10" });
    expect(parsePeriod({ period: "month", from: "2026-11-01", to: "2026-11-30" }, now)).toMatchObject({ choice: "month", problems: [] });
    expect(parsePeriod({ period: "30d", from: "2026-10-30", to: "2026-11-28" }, now)).toMatchObject({ choice: "30d", problems: [] });
  });

  it("refuses what it cannot read, saying what is wrong, instead of showing this month", () => {
    const problems = (input: Parameters<typeof parsePeriod>[0]) => parsePeriod(input, now).problems;
    expect(problems({ period: "custom", from: "2026-03-01", to: "2026-02-01" })).toEqual(["“From” (2026-03-01) is after “To” (2026-02-01)."]);
    expect(problems({ period: "custom", from: "2026-02-30", to: "2026-03-01" })).toEqual([expect.stringMatching(/^“From” must be a real day written YYYY-MM-DD .* not “2026-02-30”\.$/)]);
    expect(problems({ period: "custom", from: "x", to: "y" })).toHaveLength(2);
    expect(problems({ period: "custom" })).toEqual(["Enter a “From” date.", "Enter a “To” date."]);
    expect(problems({ period: "custom", from: "1900-01-01", to: "2100-12-31" })).toEqual([expect.stringMatching(/^A range can be at most 1,098 days .* is 73,414\.$/)]);
    expect(problems({ period: "custom", from: "2000-01-01", to: "2026-01-01" })).toHaveLength(1);
    expect(problems({ period: "month", from: "2026-13-01", to: "2026-11-30" })).toHaveLength(1);
    expect(problems({ period: "week" })).toEqual(["“week” is not a period: choose this month, the last 30 or 90 days, or a custom range."]);
    expect(problems({ period: "90d" })).toEqual([]);
  });
});
