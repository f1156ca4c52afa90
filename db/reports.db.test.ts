import { beforeAll, describe, expect, it } from "vitest";
import { countGiftsByArticle, countGiftsByDay, countGiftsByPlacement, getDashboardFigures, getSupporterProfile, listGiftCurrencies, listGifts, streamGifts, type GiftFilters } from "./reports";
import { seedArticles, seedTaxonomy } from "./testing/fixtures";
import { NOVEMBER, NOW, OCTOBER, seedLedgerFixture } from "./testing/ledger-fixture";

beforeAll(async () => {
  await seedTaxonomy();
  await seedArticles([{ slug: "article-1", headline: "Harbour cranes fall silent", publishedAt: "2026-10-01T08:00:00Z" }]);
  await seedLedgerFixture();
});

describe("getDashboardFigures", () => {
  it("adds up November by currency: totals, one-time vs recurring, averages, refunds and disputes", async () => {
    const f = await getDashboardFigures(NOVEMBER, NOW);
    expect(f.byCurrency.map((c) => c.currency)).toEqual(["eur", "gbp", "jpy", "usd"]);
    const eur = f.byCurrency.find((c) => c.currency === "eur")!;
    expect(eur).toMatchObject({ total: 16500, gifts: 4, onceTotal: 4000, onceGifts: 2, recurringTotal: 12500, recurringGifts: 2, average: 4125, refunded: 3000, refunds: 1, disputes: 0 });
    expect(f.byCurrency.find((c) => c.currency === "usd")).toMatchObject({ total: 2500, gifts: 1, refunded: 500, refunds: 1, mrr: 0 });
    expect(f.byCurrency.find((c) => c.currency === "gbp")).toMatchObject({ total: 5000, disputed: 5000, disputes: 1, mrr: 500 });
    expect(f.byCurrency.find((c) => c.currency === "jpy")).toMatchObject({ total: 3000, average: 3000 });
    expect({ gifts: f.gifts, once: f.onceGifts, recurring: f.recurringGifts }).toEqual({ gifts: 7, once: 5, recurring: 2 });
  });

  it("counts new recurring supporters, cancellations, active supporters and MRR (annual as a twelfth)", async () => {
    const f = await getDashboardFigures(NOVEMBER, NOW);
    expect(f.newRecurring).toEqual({ monthly: 1, annual: 2 });
    // sub_m2 ended on 15 Nov; sub_m4 asked on 25 Nov to stop at its period's end.
    expect(f.cancellations).toEqual({ ended: 1, scheduled: 1 });
    // sub_m1, sub_a1, sub_m3 (past due, still collecting), sub_a2, sub_m4 (ends at period end)
    expect(f.activeRecurring).toBe(5);
    expect(f.byCurrency.find((c) => c.currency === "eur")!.mrr).toBe(500 + 1000 + 700 + 300);
    expect(f.asOf).toEqual(NOW);
  });

  it("counts a past period's supporters as they were at its end", async () => {
    const f = await getDashboardFigures(OCTOBER, NOW);
    expect(f.asOf).toEqual(OCTOBER.to);
    expect(f.activeRecurring).toBe(3); // sub_m1, sub_m2 (not yet cancelled), sub_m3
    expect(f.byCurrency.find((c) => c.currency === "eur")).toMatchObject({ total: 1499, gifts: 2, mrr: 1200 });
    expect(f.byCurrency.find((c) => c.currency === "usd")).toMatchObject({ mrr: 1000, gifts: 0 });
    expect(f.cancellations).toEqual({ ended: 0, scheduled: 0 });
  });
});

describe("listGifts", () => {
  const all = (over: Partial<GiftFilters> = {}) => listGifts({ period: NOVEMBER, ...over }, { page: 1, perPage: 50 });

  it("lists the period's gifts newest first with a status derived from refunds and disputes", async () => {
    const { rows, total } = await all();
    expect(total).toBe(7);
    expect(rows.map((r) => r.stripePaymentIntentId ?? r.stripeInvoiceId)).toEqual(["pi_f8", "in_f7", "in_f5", "pi_f4", "pi_f3", "pi_f2", "pi_f1"]);
    const status = Object.fromEntries(rows.map((r) => [r.stripePaymentIntentId ?? r.stripeInvoiceId, [r.status, r.refunded]]));
    expect(status).toMatchObject({ pi_f1: ["paid", 0], pi_f2: ["refunded", 3000], pi_f3: ["partially_refunded", 500], pi_f4: ["disputed", 0], in_f5: ["paid", 0] });
  });

  it("filters by frequency, currency, status and e-mail or Stripe id, and paginates", async () => {
    expect((await all({ frequency: "recurring" })).rows.map((r) => r.stripeInvoiceId)).toEqual(["in_f7", "in_f5"]);
    expect((await all({ frequency: "annual" })).total).toBe(1);
    expect((await all({ currency: "usd" })).rows.map((r) => r.email)).toEqual(["cy@example.com"]);
    expect((await all({ status: "refunded" })).rows.map((r) => r.stripePaymentIntentId)).toEqual(["pi_f2"]);
    expect((await all({ status: "paid" })).total).toBe(4);
    expect((await all({ search: "ANA@" })).rows.map((r) => r.stripePaymentIntentId)).toEqual(["pi_f1"]);
    expect((await all({ search: "example.org" })).total).toBe(4);
    expect((await all({ search: "cus_m1" })).total).toBe(1);
    expect((await all({ search: "100%_" })).total).toBe(0);
    const page2 = await listGifts({ period: NOVEMBER }, { page: 2, perPage: 3 });
    expect(page2.total).toBe(7);
    expect(page2.rows.map((r) => r.stripePaymentIntentId ?? r.stripeInvoiceId)).toEqual(["pi_f4", "pi_f3", "pi_f2"]);
  });
});

describe("streamGifts", () => {
  it("yields every matching gift once, in order, across batches", async () => {
    const seen: string[] = [];
    for await (const batch of streamGifts({ period: { from: new Date(0), to: NOW } }, 2)) seen.push(...batch.map((r) => r.stripePaymentIntentId ?? r.stripeInvoiceId!));
    expect(seen).toEqual(["pi_f8", "in_f7", "in_f5", "pi_f4", "pi_f3", "pi_f2", "pi_f1", "pi_f9", "in_f6"]);
  });
});

describe("the chart and the sources", () => {
  it("counts gifts per day, one-time and recurring, with empty days as zero", async () => {
    const days = await countGiftsByDay(NOVEMBER);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2026-11-01", once: 0, recurring: 0 });
    expect(days.find((d) => d.day === "2026-11-04")).toEqual({ day: "2026-11-04", once: 2, recurring: 0 });
    expect(days.find((d) => d.day === "2026-11-05")).toEqual({ day: "2026-11-05", once: 0, recurring: 1 });
    expect(days.reduce((n, d) => n + d.once + d.recurring, 0)).toBe(7);
  });

  it("tells which articles and which placements brought gifts", async () => {
    const byArticle = await countGiftsByArticle(NOVEMBER);
    expect(byArticle[0]).toEqual({ key: null, label: null, gifts: 4, onceGifts: 4, recurringGifts: 0, totals: expect.any(Array) });
    expect(byArticle.find((r) => r.key === "article-1")).toEqual({ key: "article-1", label: "Harbour cranes fall silent", gifts: 2, onceGifts: 1, recurringGifts: 1, totals: [{ currency: "eur", amount: 1500 }] });
    expect(byArticle.find((r) => r.key === "article-2")).toMatchObject({ label: null, gifts: 1, totals: [{ currency: "eur", amount: 12000 }] });
    const byPlacement = await countGiftsByPlacement(NOVEMBER);
    expect(Object.fromEntries(byPlacement.map((r) => [r.key ?? "none", r.gifts]))).toEqual({ inline: 2, banner: 2, dialog: 1, support_page: 1, none: 1 });
    expect(byPlacement.find((r) => r.key === "banner")!.totals).toEqual([{ currency: "eur", amount: 3000 }, { currency: "jpy", amount: 3000 }]);
  });

  it("lists the currencies in the ledger", async () => {
    expect(await listGiftCurrencies()).toEqual(["eur", "gbp", "jpy", "usd"]);
  });
});

describe("getSupporterProfile", () => {
  it("shows a supporter's gifts of all time and their subscription", async () => {
    const p = await getSupporterProfile("cus_m1");
    expect(p).toMatchObject({ email: "member@example.org", name: "Mem Ber" });
    expect(p!.gifts.map((g) => g.stripeInvoiceId)).toEqual(["in_f5", "in_f6"]);
    expect(p!.subscriptions.map((s) => [s.stripeSubscriptionId, s.status])).toEqual([["sub_m1", "active"]]);
    expect(await getSupporterProfile("cus_nobody")).toBeNull();
  });
});
