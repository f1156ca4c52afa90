import { describe, expect, it } from "vitest";
import { amountLimits, feeCoverAmount, PRESETS } from "./config";
import { parseGiftForm, safeSourcePath } from "./gift";

const form = (fields: Record<string, string | undefined>) => parseGiftForm({ frequency: "monthly", currency: "eur", placement: "inline", source_path: "/articles/a-story", ...fields });

describe("parseGiftForm", () => {
  it("accepts a preset amount in minor units", () => {
    const result = form({ amount: "1000" });
    expect(result).toEqual({
      ok: true,
      gift: {
        frequency: "monthly",
        currency: "eur",
        amount: 1000,
        coverFees: false,
        feeAmount: 0,
        total: 1000,
        placement: "inline",
        sourcePath: "/articles/a-story",
        sourceSlug: "a-story",
        campaign: null,
        reminderId: null,
      },
    });
  });

  it("carries the reminder that linked to the form, and refuses an id that is not one", () => {
    expect(form({ amount: "1000", placement: "reminder", reminder: "42" })).toMatchObject({ ok: true, gift: { placement: "reminder", reminderId: 42 } });
    for (const reminder of ["0", "-1", "4.2", "2147483648", "1e3", "42 "]) {
      expect(form({ amount: "1000", reminder }), reminder).toMatchObject({ ok: false, errors: { reminder: ["Unknown reminder."] } });
    }
  });

  it("reads an other amount typed in major units", () => {
    const result = form({ amount: "other", other_amount: "12.50" });
    expect(result.ok && result.gift.amount).toBe(1250);
  });

  it("adds the card-fee cover to the total", () => {
    const result = form({ amount: "1000", cover_fees: "on" });
    expect(result.ok && [result.gift.feeAmount, result.gift.total]).toEqual([feeCoverAmount(1000, "eur"), 1000 + feeCoverAmount(1000, "eur")]);
    expect(feeCoverAmount(1000, "eur")).toBe(29 + 25);
  });

  it("handles a zero-decimal currency", () => {
    const result = parseGiftForm({ frequency: "once", currency: "jpy", amount: "other", other_amount: "3000", placement: "support_page", source_path: "/support" });
    expect(result.ok && result.gift.total).toBe(3000);
  });

  it.each([
    [{ amount: "199" }, "amount", /Choose one of the amounts shown/],
    [{ amount: "100001" }, "amount", /Choose one of the amounts shown/],
    // A preset of another frequency's set (€50 once is not a monthly preset).
    [{ amount: "2500" }, "amount", /Choose one of the amounts shown/],
    [{ amount: "other", other_amount: "1.99" }, "other_amount", /from €2/],
    [{ amount: "other", other_amount: "1000.01" }, "other_amount", /to €1,000/],
    [{ amount: "other", other_amount: "12.345" }, "other_amount", /without a thousands separator/],
    [{ amount: "other", other_amount: "12.3456" }, "other_amount", /like 10, 12\.50 or 12,50/],
    [{ amount: "other", other_amount: "1,000" }, "other_amount", /without a thousands separator/],
    [{ amount: "other", other_amount: "-5" }, "other_amount", /like 10/],
    [{ amount: "other" }, "other_amount", /Enter an amount/],
    [{ amount: "10.5" }, "amount", /Choose one of the amounts shown/],
    [{ amount: "1e3" }, "amount", /Choose one of the amounts shown/],
    [{ frequency: "weekly", amount: "1000" }, "frequency", /once, monthly or annual/],
    [{ currency: "btc", amount: "1000" }, "currency", /currency/],
    [{ placement: "popup", amount: "1000" }, "placement", /placement/],
    [{ source_path: "https://evil.example/", amount: "1000" }, "source_path", /Unknown page/],
    [{ source_path: undefined, amount: "1000" }, "source_path", /Unknown page/],
    [{ placement: undefined, amount: "1000" }, "placement", /placement/],
    [{ source_path: "//evil.example", amount: "1000" }, "source_path", /Unknown page/],
  ])("refuses %j with a message on %s", (fields, field, message) => {
    const result = form(fields as Record<string, string>);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]?.join(" ")).toMatch(message);
  });

  it("allows up to 10,000 once and annually but only 1,000 monthly", () => {
    expect(amountLimits("once", "usd").max).toBe(1_000_000);
    expect(amountLimits("annual", "usd").max).toBe(1_000_000);
    expect(amountLimits("monthly", "usd").max).toBe(100_000);
    expect(form({ frequency: "once", amount: "other", other_amount: "10000" }).ok).toBe(true);
    expect(form({ frequency: "monthly", amount: "other", other_amount: "10000" }).ok).toBe(false);
    expect(form({ frequency: "monthly", amount: "other", other_amount: "5,50" }).ok).toBe(true);
  });

  it("offers only presets that are themselves within the limits", () => {
    for (const [frequency, byCurrency] of Object.entries(PRESETS)) {
      for (const [currency, presets] of Object.entries(byCurrency)) {
        const { min, max } = amountLimits(frequency as "once", currency as "eur");
        for (const p of presets) expect(p >= min && p <= max, `${frequency} ${currency} ${p}`).toBe(true);
      }
    }
  });
});

describe("safeSourcePath", () => {
  it.each(["/", "/articles/x", "/sections/politics/page/2", "/support"])("accepts %s", (p) => expect(safeSourcePath(p)).toBe(p));
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "articles/x", "/a b", "/a?next=//x", ""])("refuses %j", (p) =>
    expect(safeSourcePath(p)).toBeNull(),
  );
});
