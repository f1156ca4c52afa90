import { and, eq, gte, lte, ne, sql } from "drizzle-orm";
import { db, type Database } from "./client";
import { disputes, gifts, refunds, stripeCharges, stripeEvents, subscriptions, supporters, type NewGift } from "./schema";

/** The open transaction an event's writes go through; only db/ knows what it is. */
export type Ledger = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type EventStamp = { id: string; type: string; created: Date };

/**
 * Runs `apply` and records the event id in one transaction. A second delivery (sequential or
 * concurrent: the unique key makes it wait for the first) finds the id and writes nothing; a
 * failure in `apply` rolls back the id too, so Stripe's retry processes it again.
 *
 * `reapply` (reconciliation only) runs `apply` even for a recorded event, to restore a ledger row
 * that went missing after the event was processed. That is still exactly once because every
 * handler write is keyed by Stripe ids: an insert of a row that exists does nothing.
 */
export async function processEventOnce(
  event: EventStamp,
  apply: (ledger: Ledger) => Promise<void>,
  { reapply = false }: { reapply?: boolean } = {},
): Promise<"processed" | "duplicate" | "reapplied"> {
  return (await db()).transaction(async (tx) => {
    const inserted = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, stripeCreatedAt: event.created })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (inserted.length === 0) {
      if (!reapply) return "duplicate";
      await apply(tx);
      return "reapplied";
    }
    await apply(tx);
    return "processed";
  });
}

export async function isEventProcessed(eventId: string): Promise<boolean> {
  const rows = await (await db()).select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, eventId)).limit(1);
  return rows.length > 0;
}

export async function upsertSupporter(ledger: Ledger, s: { stripeCustomerId: string; email: string | null; name: string | null; at: Date }): Promise<void> {
  await ledger
    .insert(supporters)
    .values({ stripeCustomerId: s.stripeCustomerId, email: s.email, name: s.name, createdAt: s.at, updatedAt: s.at })
    .onConflictDoUpdate({
      target: supporters.stripeCustomerId,
      set: {
        email: sql`coalesce(excluded.email, ${supporters.email})`,
        name: sql`coalesce(excluded.name, ${supporters.name})`,
        createdAt: sql`least(${supporters.createdAt}, excluded.created_at)`,
        updatedAt: sql`greatest(${supporters.updatedAt}, excluded.updated_at)`,
      },
    });
}

/** One row per successful payment; a payment already in the ledger is left as it is. */
export async function recordGift(ledger: Ledger, gift: NewGift): Promise<boolean> {
  const rows = await ledger.insert(gifts).values(gift).onConflictDoNothing().returning({ id: gifts.id });
  return rows.length > 0;
}

export type SubscriptionState = {
  stripeSubscriptionId: string;
  stripeCustomerId: string;
  status: string;
  frequency: "monthly" | "annual";
  amount: number;
  currency: string;
  coverFees: boolean;
  placement: string | null;
  sourceSlug: string | null;
  campaign: string | null;
  startedAt: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  canceledAt: Date | null;
  endedAt: Date | null;
  /** Only subscription objects know these (checkouts and invoices do not). */
  pauseBehavior?: string | null;
  pauseResumesAt?: Date | null;
};

/**
 * Applies a subscription's state as of `at`. Older events never overwrite newer ones, and a
 * cancelled subscription stays cancelled, so an `updated` arriving after `deleted` changes nothing.
 */
export async function applySubscriptionState(ledger: Ledger, state: SubscriptionState, at: Date): Promise<void> {
  await ledger
    .insert(subscriptions)
    .values({ ...state, lastEventAt: at })
    .onConflictDoUpdate({
      target: subscriptions.stripeSubscriptionId,
      set: {
        status: sql`excluded.status`,
        amount: sql`excluded.amount`,
        currency: sql`excluded.currency`,
        frequency: sql`excluded.frequency`,
        coverFees: sql`excluded.cover_fees`,
        placement: sql`coalesce(excluded.placement, ${subscriptions.placement})`,
        sourceSlug: sql`coalesce(excluded.source_slug, ${subscriptions.sourceSlug})`,
        campaign: sql`coalesce(excluded.campaign, ${subscriptions.campaign})`,
        startedAt: sql`coalesce(${subscriptions.startedAt}, excluded.started_at)`,
        currentPeriodEnd: sql`excluded.current_period_end`,
        cancelAtPeriodEnd: sql`excluded.cancel_at_period_end`,
        cancelAt: sql`excluded.cancel_at`,
        // Stripe's own value, null included: "Don't cancel" withdraws a scheduled cancellation and
        // clears canceled_at, and the ledger must not remember a cancellation that did not happen.
        canceledAt: sql`excluded.canceled_at`,
        pauseBehavior: sql`excluded.pause_behavior`,
        pauseResumesAt: sql`excluded.pause_resumes_at`,
        endedAt: sql`coalesce(excluded.ended_at, ${subscriptions.endedAt})`,
        lastEventAt: sql`excluded.last_event_at`,
      },
      // Same-second events (Stripe stamps whole seconds) apply in arrival order.
      setWhere: and(lte(subscriptions.lastEventAt, sql`excluded.last_event_at`), ne(subscriptions.status, "canceled")),
    });
}

/** Creates the subscription row from what a checkout or invoice knows, if no event has created it yet. */
export async function ensureSubscription(ledger: Ledger, state: SubscriptionState): Promise<void> {
  // Epoch as its event time: any real subscription event that arrives later replaces it.
  await ledger.insert(subscriptions).values({ ...state, lastEventAt: new Date(0) }).onConflictDoNothing();
}

/** The latest refunded total of a charge; totals only grow, so the order of refund events does not matter. */
export async function recordRefund(
  ledger: Ledger,
  r: { stripeChargeId: string; stripePaymentIntentId: string | null; amountRefunded: number; currency: string; at: Date },
): Promise<void> {
  await ledger
    .insert(refunds)
    .values({ stripeChargeId: r.stripeChargeId, stripePaymentIntentId: r.stripePaymentIntentId, amountRefunded: r.amountRefunded, currency: r.currency, refundedAt: r.at })
    .onConflictDoUpdate({
      target: refunds.stripeChargeId,
      set: {
        amountRefunded: sql`greatest(${refunds.amountRefunded}, excluded.amount_refunded)`,
        refundedAt: sql`greatest(${refunds.refundedAt}, excluded.refunded_at)`,
        stripePaymentIntentId: sql`coalesce(${refunds.stripePaymentIntentId}, excluded.stripe_payment_intent_id)`,
      },
    });
}

export async function recordDispute(
  ledger: Ledger,
  d: { stripeDisputeId: string; stripeChargeId: string; stripePaymentIntentId: string | null; amount: number; currency: string; reason: string | null; status: string; at: Date },
): Promise<void> {
  await ledger
    .insert(disputes)
    .values({ ...d, createdAt: d.at })
    .onConflictDoUpdate({ target: disputes.stripeDisputeId, set: { status: sql`excluded.status` } });
}

/** Links a gift to its charge once a later event names it (refunds and disputes key on charges). */
export async function attachChargeToGift(ledger: Ledger, paymentIntentId: string, chargeId: string): Promise<void> {
  await ledger.update(gifts).set({ stripeChargeId: chargeId }).where(and(eq(gifts.stripePaymentIntentId, paymentIntentId), sql`${gifts.stripeChargeId} is null`));
}

/** Keeps a succeeded charge by its payment intent, for a gift recorded after it (see stripe_charges). */
export async function rememberCharge(ledger: Ledger, c: { stripeChargeId: string; stripePaymentIntentId: string; at: Date }): Promise<void> {
  await ledger.insert(stripeCharges).values({ ...c, seenAt: c.at }).onConflictDoNothing();
}

/** Gives a just-recorded gift the charge its payment intent's charge.succeeded already reported, if any. */
export async function attachRememberedCharge(ledger: Ledger, paymentIntentId: string): Promise<void> {
  await ledger
    .update(gifts)
    .set({ stripeChargeId: sql`(select ${stripeCharges.stripeChargeId} from ${stripeCharges} where ${stripeCharges.stripePaymentIntentId} = ${paymentIntentId} order by ${stripeCharges.seenAt} desc limit 1)` })
    .where(and(eq(gifts.stripePaymentIntentId, paymentIntentId), sql`${gifts.stripeChargeId} is null`));
}

export type MonthlyProgress = { raised: number; gifts: number };

/** Gifts paid since `since` in one currency, less refunds: what the banner's progress bar shows. */
export async function sumGiftsSince(since: Date, currency: string): Promise<MonthlyProgress> {
  const [row] = await (await db())
    .select({
      raised: sql<number>`coalesce(sum(${gifts.amount} - coalesce(${refunds.amountRefunded}, 0)), 0)`,
      gifts: sql<number>`count(*)`,
    })
    .from(gifts)
    .leftJoin(refunds, sql`${refunds.stripePaymentIntentId} = ${gifts.stripePaymentIntentId} or ${refunds.stripeChargeId} = ${gifts.stripeChargeId}`)
    .where(and(gte(gifts.paidAt, since), eq(gifts.currency, currency)));
  return { raised: Number(row?.raised ?? 0), gifts: Number(row?.gifts ?? 0) };
}

export type LedgerSnapshot = {
  gifts: (typeof gifts.$inferSelect)[];
  subscriptions: (typeof subscriptions.$inferSelect)[];
  supporters: (typeof supporters.$inferSelect)[];
  refunds: (typeof refunds.$inferSelect)[];
  disputes: (typeof disputes.$inferSelect)[];
  events: number;
};

/** Everything in the ledger, for tests and checks on small ledgers. */
export async function readLedger(): Promise<LedgerSnapshot> {
  const d = await db();
  const [g, s, p, r, di, [e]] = await Promise.all([
    d.select().from(gifts).orderBy(gifts.id),
    d.select().from(subscriptions).orderBy(subscriptions.stripeSubscriptionId),
    d.select().from(supporters).orderBy(supporters.stripeCustomerId),
    d.select().from(refunds).orderBy(refunds.stripeChargeId),
    d.select().from(disputes).orderBy(disputes.stripeDisputeId),
    d.select({ n: sql<number>`count(*)` }).from(stripeEvents),
  ]);
  return { gifts: g, subscriptions: s, supporters: p, refunds: r, disputes: di, events: Number(e?.n ?? 0) };
}
