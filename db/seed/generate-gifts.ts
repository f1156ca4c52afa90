import { sql } from "drizzle-orm";
import { db } from "../client";
import { articles, disputes, gifts, refunds, subscriptions, supporters, type NewGift } from "../schema";

/** A small seeded generator, so the same arguments always make the same ledger. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = next();
    for (const [item, weight] of items) if ((r -= weight) < 0) return item;
    return items[items.length - 1]![0];
  };
  return { next, pick, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const CURRENCIES = [["eur", 0.6], ["usd", 0.25], ["gbp", 0.1], ["jpy", 0.05]] as const;
const PLACEMENTS = [["inline", 0.35], ["banner", 0.3], ["dialog", 0.15], ["support_page", 0.15], [null, 0.05]] as const;
const ONCE_AMOUNTS = { eur: [1000, 2500, 5000, 10000, 1500, 3000], usd: [1000, 2500, 5000, 10000], gbp: [1000, 2000, 5000], jpy: [1500, 3000, 7500] } as const;
const MONTHLY = { eur: [500, 1000, 2000], usd: [500, 1000, 2000], gbp: [500, 1000], jpy: [800, 1500] } as const;
const ANNUAL = { eur: [5000, 10000, 20000], usd: [5000, 10000], gbp: [5000, 10000], jpy: [7500, 15000] } as const;
const BATCH = 2000;

export type GeneratedLedger = { gifts: number; subscriptions: number; supporters: number; refunds: number; disputes: number };

/**
 * Writes `count` gifts spread over the `months` before `now` (about 60 % one-time, the rest the
 * monthly and annual payments of a pool of subscriptions), with supporters, about 2 % refunded
 * (some partly), 0.3 % disputed, and subscriptions that are active, past due or cancelled. Rows go
 * straight into the ledger tables in batches: for benchmarks and staff-page tests, not for the
 * webhook path. Stripe ids carry a `gen` prefix and never collide with real ones.
 */
export async function generateGifts(count: number, { now = new Date(), months = 24, seed = 42 } = {}): Promise<GeneratedLedger> {
  const d = await db();
  const r = random(seed);
  const slugs = (await d.select({ slug: articles.slug }).from(articles).limit(200)).map((a) => a.slug);
  const span = months * 30 * 86_400_000;
  const tag = `${seed.toString(36)}${Date.now().toString(36)}`;
  const recurringCount = Math.round(count * 0.4);
  const poolSize = Math.max(1, Math.round(recurringCount / 6));
  const customers = Math.max(1, Math.round(count / 3));

  type Sub = { id: string; customer: number; currency: "eur" | "usd" | "gbp" | "jpy"; frequency: "monthly" | "annual"; amount: number; placement: string | null; slug: string | null; first: number };
  const pool: Sub[] = Array.from({ length: poolSize }, (_, i) => {
    const currency = r.pick(CURRENCIES);
    const frequency = r.next() < 0.8 ? ("monthly" as const) : ("annual" as const);
    const amounts = frequency === "monthly" ? MONTHLY[currency] : ANNUAL[currency];
    return {
      id: `sub_gen${tag}${i}`,
      customer: r.int(0, customers - 1),
      currency,
      frequency,
      amount: amounts[r.int(0, amounts.length - 1)]!,
      placement: r.pick(PLACEMENTS),
      slug: slugs.length && r.next() < 0.6 ? slugs[r.int(0, slugs.length - 1)]! : null,
      first: Number.POSITIVE_INFINITY,
    };
  });

  const supporterRows = new Map<number, Date>();
  let refunded = 0;
  let disputed = 0;
  for (let start = 0; start < count; start += BATCH) {
    const rows: NewGift[] = [];
    const refundRows: (typeof refunds.$inferInsert)[] = [];
    const disputeRows: (typeof disputes.$inferInsert)[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const paidAt = new Date(now.getTime() - Math.floor(r.next() ** 1.3 * span));
      const n = `${tag}${i}`;
      if (i < recurringCount) {
        const sub = pool[r.int(0, pool.length - 1)]!;
        sub.first = Math.min(sub.first, paidAt.getTime());
        const customer = `cus_gen${tag}${sub.customer}`;
        if (!supporterRows.has(sub.customer) || supporterRows.get(sub.customer)! > paidAt) supporterRows.set(sub.customer, paidAt);
        rows.push({
          frequency: sub.frequency,
          amount: sub.amount,
          currency: sub.currency,
          placement: sub.placement,
          sourceSlug: sub.slug,
          sourcePath: sub.slug ? `/articles/${sub.slug}` : "/support",
          email: `reader${sub.customer}@example.org`,
          stripeCustomerId: customer,
          stripeInvoiceId: `in_gen${n}`,
          stripePaymentIntentId: `pi_gen${n}`,
          stripeChargeId: `ch_gen${n}`,
          stripeSubscriptionId: sub.id,
          paidAt,
        });
        continue;
      }
      const currency = r.pick(CURRENCIES);
      const amount = ONCE_AMOUNTS[currency][r.int(0, ONCE_AMOUNTS[currency].length - 1)]!;
      const customerIndex = r.int(0, customers - 1);
      if (!supporterRows.has(customerIndex) || supporterRows.get(customerIndex)! > paidAt) supporterRows.set(customerIndex, paidAt);
      const slug = slugs.length && r.next() < 0.7 ? slugs[r.int(0, slugs.length - 1)]! : null;
      const coverFees = r.next() < 0.3;
      rows.push({
        frequency: "once",
        amount,
        feeAmount: coverFees ? Math.ceil(amount * 0.029) + 25 : 0,
        coverFees,
        currency,
        placement: r.pick(PLACEMENTS),
        sourceSlug: slug,
        sourcePath: slug ? `/articles/${slug}` : "/support",
        email: `reader${customerIndex}@example.org`,
        stripeCustomerId: `cus_gen${tag}${customerIndex}`,
        stripeCheckoutSessionId: `cs_gen${n}`,
        stripePaymentIntentId: `pi_gen${n}`,
        stripeChargeId: `ch_gen${n}`,
        paidAt,
      });
      const roll = r.next();
      if (roll < 0.02) {
        refunded++;
        refundRows.push({ stripeChargeId: `ch_gen${n}`, stripePaymentIntentId: `pi_gen${n}`, amountRefunded: roll < 0.015 ? amount : Math.floor(amount / 2), currency, refundedAt: new Date(paidAt.getTime() + 3 * 86_400_000) });
      } else if (roll < 0.023) {
        disputed++;
        disputeRows.push({ stripeDisputeId: `dp_gen${n}`, stripeChargeId: `ch_gen${n}`, stripePaymentIntentId: `pi_gen${n}`, amount, currency, reason: "fraudulent", status: "needs_response", createdAt: new Date(paidAt.getTime() + 10 * 86_400_000) });
      }
    }
    await d.insert(gifts).values(rows).onConflictDoNothing();
    if (refundRows.length) await d.insert(refunds).values(refundRows).onConflictDoNothing();
    if (disputeRows.length) await d.insert(disputes).values(disputeRows).onConflictDoNothing();
  }

  const subs = pool.filter((s) => Number.isFinite(s.first));
  for (let start = 0; start < subs.length; start += BATCH) {
    await d
      .insert(subscriptions)
      .values(
        subs.slice(start, start + BATCH).map((s) => {
          const roll = r.next();
          const status = roll < 0.15 ? "canceled" : roll < 0.2 ? "past_due" : "active";
          const canceledAt = status === "canceled" ? new Date(s.first + r.next() * (now.getTime() - s.first)) : null;
          return {
            stripeSubscriptionId: s.id,
            stripeCustomerId: `cus_gen${tag}${s.customer}`,
            status,
            frequency: s.frequency,
            amount: s.amount,
            currency: s.currency,
            placement: s.placement,
            sourceSlug: s.slug,
            startedAt: new Date(s.first),
            currentPeriodEnd: new Date(now.getTime() + 15 * 86_400_000),
            canceledAt,
            endedAt: canceledAt,
            lastEventAt: now,
          };
        }),
      )
      .onConflictDoNothing();
  }
  const people = [...supporterRows];
  for (let start = 0; start < people.length; start += BATCH) {
    await d
      .insert(supporters)
      .values(people.slice(start, start + BATCH).map(([k, since]) => ({ stripeCustomerId: `cus_gen${tag}${k}`, email: `reader${k}@example.org`, name: `Reader ${k}`, createdAt: since, updatedAt: since })))
      .onConflictDoNothing();
  }
  await d.execute(sql`analyze gifts, subscriptions, refunds, disputes, supporters`);
  return { gifts: count, subscriptions: subs.length, supporters: people.length, refunds: refunded, disputes: disputed };
}
