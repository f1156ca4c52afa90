import { and, asc, desc, eq, gte, ilike, inArray, lt, sql, type SQL } from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import { db, type Database } from "./client";
import { articles, disputes, gifts, refunds, subscriptions, supporters } from "./schema";

/** A half-open interval [from, to). */
export type Period = { from: Date; to: Date };

export const ALL_TIME: Period = { from: new Date("1970-01-01T00:00:00Z"), to: new Date("9999-12-31T00:00:00Z") };

export const GIFT_STATUSES = ["paid", "partially_refunded", "refunded", "disputed"] as const;
export type GiftStatus = (typeof GIFT_STATUSES)[number];

export const FREQUENCY_FILTERS = ["once", "recurring", "monthly", "annual"] as const;
export type FrequencyFilter = (typeof FREQUENCY_FILTERS)[number];

export type GiftFilters = {
  period: Period;
  frequency?: FrequencyFilter | undefined;
  currency?: string | undefined;
  status?: GiftStatus | undefined;
  /** Part of an e-mail address, or a whole Stripe id (cus_, pi_, ch_, in_, sub_, cs_). */
  search?: string | undefined;
};

const inPeriod = (column: typeof gifts.paidAt, p: Period) => and(gte(column, p.from), lt(column, p.to));

/**
 * Refunded total and dispute flag per gift, for the gifts in the period that have either. Refunds
 * and disputes are keyed by charge and also carry the payment intent; a gift may know only one of
 * the two, so each is matched both ways, and the union drops the double match.
 */
function adjustments(d: Database, period: Period, paidAtMost?: Date) {
  const giftsInPeriod = and(inPeriod(gifts.paidAt, period), paidAtMost ? sql`${gifts.paidAt} <= ${paidAtMost.toISOString()}::timestamptz` : undefined);
  const refundBy = (on: SQL) =>
    d
      .select({ giftId: gifts.id, key: refunds.stripeChargeId, refunded: refunds.amountRefunded, disputed: sql<boolean>`false`.as("disputed") })
      .from(gifts)
      .innerJoin(refunds, on)
      .where(giftsInPeriod);
  const disputeBy = (on: SQL) =>
    d
      .select({ giftId: gifts.id, key: disputes.stripeDisputeId, refunded: sql<number>`0`.as("refunded"), disputed: sql<boolean>`true`.as("disputed") })
      .from(gifts)
      .innerJoin(disputes, on)
      .where(giftsInPeriod);
  const matches = union(
    refundBy(eq(refunds.stripePaymentIntentId, gifts.stripePaymentIntentId)),
    refundBy(eq(refunds.stripeChargeId, gifts.stripeChargeId)),
    disputeBy(eq(disputes.stripePaymentIntentId, gifts.stripePaymentIntentId)),
    disputeBy(eq(disputes.stripeChargeId, gifts.stripeChargeId)),
  ).as("matches");
  return d
    .select({
      giftId: matches.giftId,
      refunded: sql<number>`sum(${matches.refunded})::int`.as("adj_refunded"),
      disputed: sql<boolean>`bool_or(${matches.disputed})`.as("adj_disputed"),
    })
    .from(matches)
    .groupBy(matches.giftId)
    .as("adjustments");
}

function giftStatusSql(adj: ReturnType<typeof adjustments>): SQL<GiftStatus> {
  return sql<GiftStatus>`case
    when coalesce(${adj.disputed}, false) then 'disputed'
    when coalesce(${adj.refunded}, 0) >= ${gifts.amount} then 'refunded'
    when coalesce(${adj.refunded}, 0) > 0 then 'partially_refunded'
    else 'paid' end`;
}

const STRIPE_ID = /^(cus|pi|ch|in|sub|cs)_[A-Za-z0-9_]{1,250}$/;

function searchCondition(search: string): SQL | undefined {
  const q = search.trim();
  if (q === "") return undefined;
  if (STRIPE_ID.test(q)) {
    const column = {
      cus: gifts.stripeCustomerId,
      pi: gifts.stripePaymentIntentId,
      ch: gifts.stripeChargeId,
      in: gifts.stripeInvoiceId,
      sub: gifts.stripeSubscriptionId,
      cs: gifts.stripeCheckoutSessionId,
    }[q.slice(0, q.indexOf("_")) as "cus"];
    return eq(column, q);
  }
  return ilike(gifts.email, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

function filterConditions(f: GiftFilters, status: SQL<GiftStatus>): SQL | undefined {
  const frequency =
    f.frequency === undefined
      ? undefined
      : f.frequency === "recurring"
        ? inArray(gifts.frequency, ["monthly", "annual"])
        : eq(gifts.frequency, f.frequency);
  return and(
    inPeriod(gifts.paidAt, f.period),
    frequency,
    f.currency ? eq(gifts.currency, f.currency) : undefined,
    f.status ? sql`${status} = ${f.status}` : undefined,
    f.search ? searchCondition(f.search) : undefined,
  );
}

export type GiftRow = {
  id: number;
  paidAt: Date;
  frequency: "once" | "monthly" | "annual";
  amount: number;
  feeAmount: number;
  currency: string;
  refunded: number;
  status: GiftStatus;
  email: string | null;
  placement: string | null;
  sourceSlug: string | null;
  campaign: string | null;
  stripeCustomerId: string | null;
  stripeCheckoutSessionId: string | null;
  stripePaymentIntentId: string | null;
  stripeChargeId: string | null;
  stripeInvoiceId: string | null;
  stripeSubscriptionId: string | null;
};

function giftSelection(adj: ReturnType<typeof adjustments>) {
  return {
    id: gifts.id,
    paidAt: gifts.paidAt,
    frequency: gifts.frequency,
    amount: gifts.amount,
    feeAmount: gifts.feeAmount,
    currency: gifts.currency,
    refunded: sql<number>`coalesce(${adj.refunded}, 0)`.mapWith(Number),
    status: giftStatusSql(adj),
    email: gifts.email,
    placement: gifts.placement,
    sourceSlug: gifts.sourceSlug,
    campaign: gifts.campaign,
    stripeCustomerId: gifts.stripeCustomerId,
    stripeCheckoutSessionId: gifts.stripeCheckoutSessionId,
    stripePaymentIntentId: gifts.stripePaymentIntentId,
    stripeChargeId: gifts.stripeChargeId,
    stripeInvoiceId: gifts.stripeInvoiceId,
    stripeSubscriptionId: gifts.stripeSubscriptionId,
  };
}

/** One page of gifts, newest first, and how many match in all. */
export async function listGifts(f: GiftFilters, page: { page: number; perPage: number }): Promise<{ rows: GiftRow[]; total: number }> {
  const d = await db();
  const adj = adjustments(d, f.period);
  const where = filterConditions(f, giftStatusSql(adj));
  const [rows, [count]] = await Promise.all([
    d
      .select(giftSelection(adj))
      .from(gifts)
      .leftJoin(adj, eq(adj.giftId, gifts.id))
      .where(where)
      .orderBy(desc(gifts.paidAt), desc(gifts.id))
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage),
    d.select({ n: sql<number>`count(*)::int` }).from(gifts).leftJoin(adj, eq(adj.giftId, gifts.id)).where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/**
 * Every gift matching the filters, newest first, in batches: keyset pagination on (paid_at, id),
 * so the millionth row costs what the first did and memory stays flat.
 */
export async function* streamGifts(f: GiftFilters, batchSize = 10_000): AsyncGenerator<GiftRow[]> {
  const d = await db();
  let cursor: { paidAt: Date; id: number } | null = null;
  for (;;) {
    const after: SQL | undefined = cursor ? sql`(${gifts.paidAt}, ${gifts.id}) < (${cursor.paidAt.toISOString()}::timestamptz, ${cursor.id})` : undefined;
    // Refunds and disputes only for what is still ahead of the cursor: each batch looks at less.
    const adj = adjustments(d, f.period, cursor?.paidAt);
    const rows: GiftRow[] = await d
      .select(giftSelection(adj))
      .from(gifts)
      .leftJoin(adj, eq(adj.giftId, gifts.id))
      .where(and(filterConditions(f, giftStatusSql(adj)), after))
      .orderBy(desc(gifts.paidAt), desc(gifts.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    cursor = { paidAt: last.paidAt, id: last.id };
  }
}

export type CurrencyFigures = {
  currency: string;
  total: number;
  gifts: number;
  onceTotal: number;
  onceGifts: number;
  recurringTotal: number;
  recurringGifts: number;
  /** Rounded to a whole minor unit. */
  average: number;
  refunded: number;
  refunds: number;
  disputed: number;
  disputes: number;
  /** Monthly recurring revenue at the end of the period: monthly amounts plus a twelfth of annual ones. */
  mrr: number;
};

export type DashboardFigures = {
  byCurrency: CurrencyFigures[];
  gifts: number;
  onceGifts: number;
  recurringGifts: number;
  newRecurring: { monthly: number; annual: number };
  /**
   * `ended`: recurring gifts that stopped in the period. `scheduled`: cancellations asked for in the
   * period that have not happened yet (still active until then; "Don't cancel" withdraws them).
   */
  cancellations: { ended: number; scheduled: number };
  activeRecurring: number;
  /** The moment active supporters and MRR are counted at: the period's end, or now if sooner. */
  asOf: Date;
};

// Stripe statuses that still collect (past_due is being retried); the others have stopped or never began.
const COLLECTING = ["active", "trialing", "past_due"];

/**
 * Subscriptions collecting at `at`: started by then and not ended by then. A cancelled one counts
 * for the time before it ended; one that is unpaid, paused or never completed does not count.
 */
/** When a cancelled subscription stopped: Stripe's ended_at, else when it was cancelled, else when we heard. */
const endedAtSql = sql`coalesce(${subscriptions.endedAt}, ${subscriptions.canceledAt}, ${subscriptions.lastEventAt})`;

function activeAt(at: Date): SQL {
  const ended = sql`coalesce(${subscriptions.endedAt}, case when ${subscriptions.status} = 'canceled' then coalesce(${subscriptions.canceledAt}, ${subscriptions.lastEventAt}) end)`;
  const t = sql`${at.toISOString()}::timestamptz`;
  return and(sql`${subscriptions.startedAt} <= ${t}`, sql`(${ended} is null or ${ended} > ${t})`, inArray(subscriptions.status, [...COLLECTING, "canceled"]))!;
}

/** Every figure of the dashboard, computed in the database over the ledger. */
export async function getDashboardFigures(period: Period, now = new Date()): Promise<DashboardFigures> {
  const d = await db();
  const asOf = period.to < now ? period.to : now;
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const [giftRows, refundRows, disputeRows, mrrRows, [subs]] = await Promise.all([
    d
      .select({
        currency: gifts.currency,
        total: sql<number>`sum(${gifts.amount})`.mapWith(Number),
        gifts: sql<number>`count(*)`.mapWith(Number),
        onceTotal: sql<number>`coalesce(sum(${gifts.amount}) filter (where ${gifts.frequency} = 'once'), 0)`.mapWith(Number),
        onceGifts: sql<number>`count(*) filter (where ${gifts.frequency} = 'once')`.mapWith(Number),
        average: sql<number>`round(avg(${gifts.amount}))`.mapWith(Number),
      })
      .from(gifts)
      .where(inPeriod(gifts.paidAt, period))
      .groupBy(gifts.currency),
    d
      .select({ currency: refunds.currency, refunded: sql<number>`sum(${refunds.amountRefunded})`.mapWith(Number), refunds: sql<number>`count(*)`.mapWith(Number) })
      .from(refunds)
      .where(and(gte(refunds.refundedAt, period.from), lt(refunds.refundedAt, period.to)))
      .groupBy(refunds.currency),
    d
      .select({ currency: disputes.currency, disputed: sql<number>`sum(${disputes.amount})`.mapWith(Number), disputes: sql<number>`count(*)`.mapWith(Number) })
      .from(disputes)
      .where(and(gte(disputes.createdAt, period.from), lt(disputes.createdAt, period.to)))
      .groupBy(disputes.currency),
    d
      .select({
        currency: subscriptions.currency,
        mrr: sql<number>`round(sum(case when ${subscriptions.frequency} = 'annual' then ${subscriptions.amount} / 12.0 else ${subscriptions.amount} end))`.mapWith(Number),
      })
      .from(subscriptions)
      .where(activeAt(asOf))
      .groupBy(subscriptions.currency),
    d
      .select({
        newMonthly: sql<number>`count(*) filter (where ${subscriptions.frequency} = 'monthly' and ${subscriptions.startedAt} >= ${from}::timestamptz and ${subscriptions.startedAt} < ${to}::timestamptz and ${subscriptions.status} not in ('incomplete', 'incomplete_expired'))`.mapWith(Number),
        newAnnual: sql<number>`count(*) filter (where ${subscriptions.frequency} = 'annual' and ${subscriptions.startedAt} >= ${from}::timestamptz and ${subscriptions.startedAt} < ${to}::timestamptz and ${subscriptions.status} not in ('incomplete', 'incomplete_expired'))`.mapWith(Number),
        ended: sql<number>`count(*) filter (where ${subscriptions.status} = 'canceled' and ${endedAtSql} >= ${from}::timestamptz and ${endedAtSql} < ${to}::timestamptz)`.mapWith(Number),
        scheduled: sql<number>`count(*) filter (where ${subscriptions.status} <> 'canceled' and (${subscriptions.cancelAtPeriodEnd} or ${subscriptions.cancelAt} is not null) and ${subscriptions.canceledAt} >= ${from}::timestamptz and ${subscriptions.canceledAt} < ${to}::timestamptz)`.mapWith(Number),
        active: sql<number>`count(*) filter (where ${activeAt(asOf)})`.mapWith(Number),
      })
      .from(subscriptions),
  ]);

  const currencies = new Set([...giftRows, ...refundRows, ...disputeRows, ...mrrRows].map((r) => r.currency));
  const byCurrency = [...currencies].sort().map((currency): CurrencyFigures => {
    const g = giftRows.find((r) => r.currency === currency);
    const r = refundRows.find((x) => x.currency === currency);
    const di = disputeRows.find((x) => x.currency === currency);
    const m = mrrRows.find((x) => x.currency === currency);
    const total = g?.total ?? 0;
    const onceTotal = g?.onceTotal ?? 0;
    return {
      currency,
      total,
      gifts: g?.gifts ?? 0,
      onceTotal,
      onceGifts: g?.onceGifts ?? 0,
      recurringTotal: total - onceTotal,
      recurringGifts: (g?.gifts ?? 0) - (g?.onceGifts ?? 0),
      average: g?.average ?? 0,
      refunded: r?.refunded ?? 0,
      refunds: r?.refunds ?? 0,
      disputed: di?.disputed ?? 0,
      disputes: di?.disputes ?? 0,
      mrr: m?.mrr ?? 0,
    };
  });
  const sum = (k: "gifts" | "onceGifts" | "recurringGifts") => byCurrency.reduce((n, c) => n + c[k], 0);
  return {
    byCurrency,
    gifts: sum("gifts"),
    onceGifts: sum("onceGifts"),
    recurringGifts: sum("recurringGifts"),
    newRecurring: { monthly: subs?.newMonthly ?? 0, annual: subs?.newAnnual ?? 0 },
    cancellations: { ended: subs?.ended ?? 0, scheduled: subs?.scheduled ?? 0 },
    activeRecurring: subs?.active ?? 0,
    asOf,
  };
}

export type DayCount = { day: string; once: number; recurring: number };

/** Gifts per UTC day in the period, one-time and recurring; days without gifts are included as zero. */
export async function countGiftsByDay(period: Period): Promise<DayCount[]> {
  const day = sql<string>`to_char(${gifts.paidAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await (await db())
    .select({
      day,
      once: sql<number>`count(*) filter (where ${gifts.frequency} = 'once')`.mapWith(Number),
      recurring: sql<number>`count(*) filter (where ${gifts.frequency} <> 'once')`.mapWith(Number),
    })
    .from(gifts)
    .where(inPeriod(gifts.paidAt, period))
    .groupBy(day)
    .orderBy(day);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: DayCount[] = [];
  const start = Date.UTC(period.from.getUTCFullYear(), period.from.getUTCMonth(), period.from.getUTCDate());
  for (let t = start; t < period.to.getTime(); t += 86_400_000) {
    const key = new Date(t).toISOString().slice(0, 10);
    out.push(byDay.get(key) ?? { day: key, once: 0, recurring: 0 });
  }
  return out;
}

export type SourceRow = {
  /** An article slug or a placement; null when the gift did not say. */
  key: string | null;
  /** The article's headline, when the slug names an article we have. */
  label: string | null;
  gifts: number;
  onceGifts: number;
  recurringGifts: number;
  totals: { currency: string; amount: number }[];
};

async function giftsBy(column: typeof gifts.sourceSlug | typeof gifts.placement, period: Period, withHeadline: boolean): Promise<SourceRow[]> {
  const rows = await (await db())
    .select({
      key: column,
      label: withHeadline ? sql<string | null>`max(${articles.headline})` : sql<string | null>`null`,
      currency: gifts.currency,
      gifts: sql<number>`count(*)`.mapWith(Number),
      onceGifts: sql<number>`count(*) filter (where ${gifts.frequency} = 'once')`.mapWith(Number),
      amount: sql<number>`sum(${gifts.amount})`.mapWith(Number),
    })
    .from(gifts)
    .leftJoin(articles, withHeadline ? eq(articles.slug, gifts.sourceSlug) : sql`false`)
    .where(inPeriod(gifts.paidAt, period))
    .groupBy(column, gifts.currency);
  const byKey = new Map<string | null, SourceRow>();
  for (const r of rows) {
    const row = byKey.get(r.key) ?? { key: r.key, label: r.label, gifts: 0, onceGifts: 0, recurringGifts: 0, totals: [] };
    row.gifts += r.gifts;
    row.onceGifts += r.onceGifts;
    row.recurringGifts += r.gifts - r.onceGifts;
    row.totals.push({ currency: r.currency, amount: r.amount });
    byKey.set(r.key, row);
  }
  return [...byKey.values()]
    .map((r) => ({ ...r, totals: r.totals.sort((a, b) => a.currency.localeCompare(b.currency)) }))
    .sort((a, b) => b.gifts - a.gifts || String(a.key).localeCompare(String(b.key)));
}

/** Which articles brought gifts in the period, most gifts first. */
export const countGiftsByArticle = (period: Period) => giftsBy(gifts.sourceSlug, period, true);

/** Which asks (banner, inline, dialog, support page) brought gifts in the period. */
export const countGiftsByPlacement = (period: Period) => giftsBy(gifts.placement, period, false);

/** The currencies that appear in the ledger, for the filter. */
export async function listGiftCurrencies(): Promise<string[]> {
  const rows = await (await db()).selectDistinct({ currency: gifts.currency }).from(gifts).orderBy(asc(gifts.currency));
  return rows.map((r) => r.currency);
}

export type SupporterProfile = {
  stripeCustomerId: string;
  email: string | null;
  name: string | null;
  since: Date | null;
  gifts: GiftRow[];
  subscriptions: (typeof subscriptions.$inferSelect)[];
};

/** Everything the ledger knows about one supporter (a Stripe customer), or null if nothing. */
export async function getSupporterProfile(stripeCustomerId: string): Promise<SupporterProfile | null> {
  const d = await db();
  const [[supporter], subs, { rows }] = await Promise.all([
    d.select().from(supporters).where(eq(supporters.stripeCustomerId, stripeCustomerId)).limit(1),
    d.select().from(subscriptions).where(eq(subscriptions.stripeCustomerId, stripeCustomerId)).orderBy(desc(subscriptions.startedAt)),
    listGifts({ period: ALL_TIME, search: stripeCustomerId }, { page: 1, perPage: 500 }),
  ]);
  if (!supporter && subs.length === 0 && rows.length === 0) return null;
  const email = supporter?.email ?? rows.find((g) => g.email)?.email ?? null;
  return { stripeCustomerId, email, name: supporter?.name ?? null, since: supporter?.createdAt ?? null, gifts: rows, subscriptions: subs };
}
