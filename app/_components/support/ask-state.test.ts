import { describe, expect, it } from "vitest";
import { dialogSeenUntil, formatUntil, isAskSuppressed, readCookie, readCount, shouldShowDialog } from "./ask-state";

const NOW = Date.UTC(2025, 5, 10, 12);
const DAY = 86_400_000;
const settings = { dialogAfterReads: 3, dialogEveryDays: 7 };
const jar = (values: Record<string, string | number>) =>
  ["theme=dark", ...Object.entries(values).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)].join("; ");

describe("cookie helpers", () => {

  it("read one cookie by exact name", () => {
    const cookies = "xmh_reads=9; mh_reads=4; other=a%20b";
    expect(readCookie("mh_reads", cookies)).toBe("4");
    expect(readCookie("other", cookies)).toBe("a b");
    expect(readCookie("missing", cookies)).toBeNull();
    expect(readCookie("bad", "bad=%E0%A4%A")).toBeNull();
  });

  it("count reads, treating garbage as none", () => {
    expect(readCount("")).toBe(0);
    expect(readCount(jar({ mh_reads: 5 }))).toBe(5);
    for (const v of ["-3", "abc", "1.5", "1e400"]) expect(readCount(jar({ mh_reads: v }))).toBe(0);
  });

  it("suppress the ask while snoozed or after a gift, and not after either expires", () => {
    expect(isAskSuppressed("", NOW)).toBe(false);
    expect(isAskSuppressed(jar({ mh_ask_snooze: NOW + 1 }), NOW)).toBe(true);
    expect(isAskSuppressed(jar({ mh_gave: NOW + DAY }), NOW)).toBe(true);
    expect(isAskSuppressed(jar({ mh_ask_snooze: NOW - 1, mh_gave: NOW }), NOW)).toBe(false);
    expect(isAskSuppressed(jar({ mh_ask_snooze: "soon" }), NOW)).toBe(false);
  });
});

describe("shouldShowDialog", () => {
  it("waits for enough articles and never opens on the first page view", () => {
    expect(shouldShowDialog("", NOW, settings, true)).toBe(false);
    expect(shouldShowDialog(jar({ mh_reads: 1 }), NOW, { ...settings, dialogAfterReads: 1 }, true)).toBe(false);
    expect(shouldShowDialog(jar({ mh_reads: 2 }), NOW, settings, true)).toBe(false);
    expect(shouldShowDialog(jar({ mh_reads: 3 }), NOW, settings, true)).toBe(true);
    expect(shouldShowDialog(jar({ mh_reads: 40 }), NOW, settings, true)).toBe(true);
  });

  it("only opens on articles", () => {
    expect(shouldShowDialog(jar({ mh_reads: 5 }), NOW, settings, false)).toBe(false);
  });

  it("stays away while snoozed, after a gift, or until it is due again", () => {
    const reads = { mh_reads: 5 };
    expect(shouldShowDialog(jar({ ...reads, mh_ask_snooze: NOW + DAY }), NOW, settings, true)).toBe(false);
    expect(shouldShowDialog(jar({ ...reads, mh_gave: NOW + DAY }), NOW, settings, true)).toBe(false);
    expect(shouldShowDialog(jar({ ...reads, mh_dialog_seen: NOW + DAY }), NOW, settings, true)).toBe(false);
    expect(shouldShowDialog(jar({ ...reads, mh_dialog_seen: NOW - 1, mh_ask_snooze: NOW - 1 }), NOW, settings, true)).toBe(true);
  });
});

describe("dialogSeenUntil", () => {
  it("never brings the dialog back sooner than already decided", () => {
    expect(dialogSeenUntil("", NOW, 3)).toBe(NOW + 3 * DAY);
    expect(dialogSeenUntil(jar({ mh_dialog_seen: NOW + 7 * DAY }), NOW, 3)).toBe(NOW + 7 * DAY);
    expect(dialogSeenUntil(jar({ mh_dialog_seen: NOW + DAY }), NOW, 3)).toBe(NOW + 3 * DAY);
  });
});

describe("formatUntil", () => {
  it("names the year only when it is not this year's", () => {
    const now = Date.UTC(2026, 11, 2, 12);
    expect(formatUntil(Date.UTC(2026, 11, 9, 12), now)).toBe("Wednesday 9 December");
    expect(formatUntil(Date.UTC(2027, 0, 1, 12), now)).toBe("Friday, 1 January 2027");
  });
});
