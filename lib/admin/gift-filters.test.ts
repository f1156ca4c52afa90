import { describe, expect, it } from "vitest";
import { giftQueryString, parseGiftQuery } from "./gift-filters";

const now = new Date("2026-11-28T15:30:00Z");

describe("parseGiftQuery", () => {
  it("reads every filter and round-trips to the same query string", () => {
    const q = parseGiftQuery({ period: "custom", from: "2026-10-01", to: "2026-10-31", frequency: "recurring", currency: "eur", status: "refunded", q: " ana@ ", page: "3" }, now);
    expect(q.filters).toMatchObject({ frequency: "recurring", currency: "eur", status: "refunded", search: "ana@" });
    expect(q.page).toBe(3);
    expect(giftQueryString(q)).toBe("?period=custom&from=2026-10-01&to=2026-10-31&frequency=recurring&currency=eur&status=refunded&q=ana%40");
    expect(giftQueryString(q, { page: 4 })).toContain("&page=4");
  });

  it("ignores what it does not know instead of failing", () => {
    const q = parseGiftQuery({ frequency: "weekly", currency: "EURO", status: "lost", page: "-2", q: ["a", "b"] }, now);
    expect(q.filters).toMatchObject({ frequency: undefined, currency: undefined, status: undefined, search: "a" });
    expect(q.page).toBe(1);
    expect(q.period.choice).toBe("month");
  });
});
