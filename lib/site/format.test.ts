import { describe, expect, it } from "vitest";
import { formatDate, formatNames, maskEmail, pagePath, parsePageNumber } from "./format";

describe("parsePageNumber", () => {
  it("defaults to the first page", () => expect(parsePageNumber(undefined)).toBe(1));
  it.each(["1", "2", "37"])("accepts %s", (v) => expect(parsePageNumber(v)).toBe(Number(v)));
  it.each(["0", "-1", "01", "2.5", "abc", "", "1e3", "9999999"])("rejects %j", (v) => expect(parsePageNumber(v)).toBeNull());
});

describe("formatNames", () => {
  it("joins bylines the way a reader says them", () => {
    expect(formatNames(["A"])).toBe("A");
    expect(formatNames(["A", "B"])).toBe("A and B");
    expect(formatNames(["A", "B", "C"])).toBe("A, B and C");
  });
});

describe("dates and paths", () => {
  it("formats in UTC so every reader sees the same static page", () => {
    expect(formatDate("2026-11-27T23:30:00Z")).toBe("27 November 2026");
  });
  it("keeps page 1 at the listing's own URL", () => {
    expect(pagePath("/tags/x", 1)).toBe("/tags/x");
    expect(pagePath("/tags/x", 3)).toBe("/tags/x/page/3");
  });
});

describe("maskEmail", () => {
  it("keeps the first character and the domain only", () => {
    expect(maskEmail("jane.doe@example.org")).toBe("j•••@example.org");
    expect(maskEmail("j@example.org")).toBe("j•••@example.org");
    expect(maskEmail("élodie@exemple.fr")).toBe("é•••@exemple.fr");
  });
  it("reveals nothing of an address it cannot read", () => {
    expect(maskEmail("no-at-sign")).toBe("•••");
    expect(maskEmail("@example.org")).toBe("•••");
  });
});
