import { describe, expect, it } from "vitest";
import { formatMoney, parseMajorAmount, readMajorAmount, toMajorString } from "./money";

describe("parseMajorAmount", () => {
  it.each([
    ["12", "eur", 1200],
    ["12.5", "eur", 1250],
    ["12.50", "usd", 1250],
    ["0.07", "usd", 7],
    ["1,000.00", "gbp", 100000],
    ["€ 20", "eur", 2000],
    [" 15 ", "usd", 1500],
    ["3000", "jpy", 3000],
    ["5,50", "eur", 550],
    ["12,5", "eur", 1250],
    ["20 €", "eur", 2000],
    ["1.000,50", "eur", 100050],
    ["1,500", "jpy", 1500],
  ] as const)("reads %j in %s as %d minor units", (input, currency, expected) => {
    expect(parseMajorAmount(input, currency)).toBe(expected);
  });

  it.each(["", "abc", "-5", "+5", "1e3", "NaN", "Infinity", "12.345", "12.", ".5", "0x10", "1 000", "12,345", "1,0000", "9999999999", "1,000", "1.000", "1,000,000"])("refuses %j", (input) => {
    expect(parseMajorAmount(input, "eur")).toBeNull();
  });

  it("tells an ambiguous grouping (a thousand, or one?) from a malformed amount", () => {
    expect(readMajorAmount("1,000", "eur")).toEqual({ ok: false, problem: "ambiguous" });
    expect(readMajorAmount("2.500", "usd")).toEqual({ ok: false, problem: "ambiguous" });
    expect(readMajorAmount("12.345,6", "eur")).toEqual({ ok: true, minor: 1234560 });
    expect(readMajorAmount("12.34,5", "eur")).toEqual({ ok: false, problem: "format" });
    expect(readMajorAmount("abc", "gbp")).toEqual({ ok: false, problem: "format" });
  });

  it("refuses decimals in a zero-decimal currency", () => {
    expect(parseMajorAmount("1500.50", "jpy")).toBeNull();
  });
});

describe("formatMoney and toMajorString", () => {
  it("respects each currency's minor unit", () => {
    expect(formatMoney(1250, "eur")).toBe("€12.50");
    expect(formatMoney(1000, "usd", { compact: true })).toBe("US$10");
    expect(formatMoney(1500, "jpy")).toBe("JP¥1,500");
    expect(toMajorString(1205, "gbp")).toBe("12.05");
    expect(toMajorString(1500, "jpy")).toBe("1500");
    expect(toMajorString(-5, "eur")).toBe("-0.05");
  });
});
