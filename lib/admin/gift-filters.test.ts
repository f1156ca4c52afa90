import { describe, expect, it } from "vitest";
import { giftCsvFileName, giftQueryString, parseGiftQuery } from "./gift-filters";

const now = new Date("2026-11-28T15:30:00Z");

describe("parseGiftQuery", () => {
  it("reads every filter and round-trips to the same query string", () => {
    const q = parseGiftQuery({ period: "custom", from: "2026-10-01", to: "2026-10-31", frequency: "recurring", currency: "eur", status: "refunded", q: " ana@ ", page: "3" }, now);
    expect(q.filters).toMatchObject({ frequency: "recurring", currency: "eur", status: "refunded", search: "ana@" });
    expect(q.page).toBe(3);
    expect(giftQueryString(q)).toBe("?period=custom&from=2026-10-01&to=2026-10-31&frequency=recurring&currency=eur&status=refunded&q=ana%40");
    expect(giftQueryString(q, { page: 4 })).toContain("&page=4");
  });

  it("says what it cannot read, one sentence a filter, instead of quietly showing everything", () => {
    const q = parseGiftQuery({ frequency: "weekly", currency: "EURO", status: "lost", page: "-2", q: ["a", "b"] }, now);
    expect(q.filters).toMatchObject({ frequency: undefined, currency: undefined, status: undefined, search: "a" });
    expect(q.problems).toEqual([
      "“EURO” is not a currency: use its three-letter code, such as eur.",
      "The page must be a whole number from 1.",
      "“weekly” is not a frequency: choose one from the list.",
      "“lost” is not a status: choose one from the list.",
    ]);
    expect(parseGiftQuery({ period: "custom", from: "2026-11-20", to: "2026-11-01" }, now)).toMatchObject({ problems: ["“From” (2026-11-20) is after “To” (2026-11-01)."], typed: { period: "custom", from: "2026-11-20", to: "2026-11-01" } });
    // "All" is an empty value, not a problem.
    expect(parseGiftQuery({ frequency: "", currency: "", status: "", q: "" }, now).problems).toEqual([]);
  });

  it("names the export after its filters", () => {
    expect(giftCsvFileName(parseGiftQuery({}, now))).toBe("gifts-2026-11-01-to-2026-11-30.csv");
    const q = parseGiftQuery({ period: "custom", from: "2026-10-01", to: "2026-10-31", frequency: "recurring", currency: "eur", status: "partially_refunded", q: "Ana@Example.org" }, now);
    expect(giftCsvFileName(q)).toBe("gifts-2026-10-01-to-2026-10-31-recurring-eur-partially-refunded-matching-ana-example-org.csv");
  });
});
