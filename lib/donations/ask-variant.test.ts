import { describe, expect, it } from "vitest";
import { ASK_COOKIES, askVariantRewrites, chooseAskVariant, READING_PAGE_SOURCES } from "./ask-variant";

const has = (...names: string[]) => (name: string) => names.includes(name);

describe("chooseAskVariant", () => {
  it("leaves out every ask for a snoozed reader or a recent giver, and only the banner once it is closed", () => {
    expect(chooseAskVariant(has())).toBe("full");
    expect(chooseAskVariant(has(ASK_COOKIES.reads, ASK_COOKIES.dialogSeenUntil))).toBe("full");
    expect(chooseAskVariant(has(ASK_COOKIES.bannerClosedUntil))).toBe("no-banner");
    expect(chooseAskVariant(has(ASK_COOKIES.snoozeUntil))).toBe("quiet");
    expect(chooseAskVariant(has(ASK_COOKIES.gaveUntil, ASK_COOKIES.bannerClosedUntil))).toBe("quiet");
  });
});

describe("askVariantRewrites", () => {
  const rules = askVariantRewrites();

  it("sends a typed variant prefix nowhere, before any other rule can match it", () => {
    expect(rules[0]).toEqual({ source: "/:variant(full|no-banner|quiet)/:path*", destination: "/full/:variant/:path*" });
  });

  it("ends each reading page's rules with the unconditional full variant, after the cache's header and the cookies", () => {
    for (const source of READING_PAGE_SOURCES) {
      const own = rules.filter((r) => r.source === source);
      expect(own.at(-1)).toEqual({ source, destination: source === "/" ? "/full" : `/full${source}` });
      expect(own.slice(0, 3).every((r) => r.has?.[0]?.type === "header")).toBe(true);
      const quiet = own.filter((r) => r.destination.startsWith("/quiet") && r.has?.[0]?.type === "cookie").map((r) => r.has![0]!.key);
      expect(quiet.sort()).toEqual([ASK_COOKIES.snoozeUntil, ASK_COOKIES.gaveUntil].sort());
    }
  });
});
