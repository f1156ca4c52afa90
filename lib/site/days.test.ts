import { describe, expect, it } from "vitest";
import { addMonthsUtc, parseUtcDay, utcDayRange } from "./days";

describe("parseUtcDay", () => {
  it("reads real calendar days as midnight UTC", () => {
    expect(parseUtcDay("2026-12-02")?.toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(parseUtcDay("2028-02-29")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });

  it.each(["2026-02-31", "2026-02-29", "2026-13-01", "2026-2-3", "02/12/2026", "2026-12-02T10:00", "", undefined, null])("refuses %s", (value) => {
    expect(parseUtcDay(value)).toBeNull();
  });
});

it("a day range includes both days", () => {
  const { from, to } = utcDayRange(parseUtcDay("2026-11-01")!, parseUtcDay("2026-11-30")!);
  expect([from.toISOString(), to.toISOString()]).toEqual(["2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"]);
});

it("adds calendar months in UTC, clamping the day to the month's length", () => {
  const iso = (s: string, m: number) => addMonthsUtc(new Date(s), m).toISOString();
  expect(iso("2026-12-03T09:15:00Z", 1)).toBe("2027-01-03T09:15:00.000Z");
  expect(iso("2026-01-31T00:00:00Z", 1)).toBe("2026-02-28T00:00:00.000Z");
  expect(iso("2028-01-31T12:00:00Z", 1)).toBe("2028-02-29T12:00:00.000Z");
  expect(iso("2026-11-30T23:59:59Z", 3)).toBe("2027-02-28T23:59:59.000Z");
});
