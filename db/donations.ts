import { and, eq, gte, lte, ne, sql } from "drizzle-orm";
import { db, type Database } from "./client";
import { chargeLinks, disputes, gifts, paymentDeclines, paymentFailures, refunds, stripeEvents, subscriptionChanges, subscriptions, supporters, type NewGift } from "./schema";

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
  // A charge.succeeded that came first left its charge id waiting for this payment intent.
  const early = gift.stripeChargeId == null && gift.stripePaymentIntentId ? sql`(select ${chargeLinks.stripeChargeId} from ${chargeLinks} where ${chargeLinks.stripePaymentIntentId} = ${gift.stripePaymentIntentId})` : undefined;
  const rows = await ledger
    .insert(gifts)
    .values({ ...gift, ...(early ? { stripeChargeId: early } : {}) })
    .onConflictDoNothing()
    .returning({ id: gifts.id });
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

/** A failed attempt at a renewal's invoice; attempts only grow, so redelivered or reordered failures keep the latest. */
export async function recordPaymentFailure(
  ledger: Ledger,
  f: { stripeInvoiceId: string; stripeSubscriptionId: string; stripeCustomerId: string | null; stripePaymentIntentId: string | null; amount: number; currency: string; attempts: number; failedAt: Date; nextAttemptAt: Date | null },
): Promise<void> {
  const { failedAt, ...row } = f;
  await ledger
    .insert(paymentFailures)
    .values({ ...row, lastFailedAt: failedAt })
    .onConflictDoUpdate({
      target: paymentFailures.stripeInvoiceId,
      set: { attempts: sql`excluded.attempts`, lastFailedAt: sql`excluded.last_failed_at`, nextAttemptAt: sql`excluded.next_attempt_at`, stripePaymentIntentId: sql`excluded.stripe_payment_intent_id` },
      setWhere: sql`${paymentFailures.attempts} < excluded.attempts`,
    });
}

/** The bank's reason for a declined attempt; the panel matches it to the failed renewal by payment intent, whichever event came first. */
export async function recordPaymentDecline(ledger: Ledger, d: { stripePaymentIntentId: string; declineCode: string | null; message: string | null; at: Date }): Promise<void> {
  await ledger
    .insert(paymentDeclines)
    .values({ stripePaymentIntentId: d.stripePaymentIntentId, declineCode: d.declineCode, message: d.message, declinedAt: d.at })
    .onConflictDoNothing();
}

/** The invoice that had failed is paid: the renewal is recovered. */
export async function markPaymentRecovered(ledger: Ledger, stripeInvoiceId: string, at: Date): Promise<void> {
  await ledger.update(paymentFailures).set({ recoveredAt: at }).where(and(eq(paymentFailures.stripeInvoiceId, stripeInvoiceId), sql`${paymentFailures.recoveredAt} is null`));
}

export type SubscriptionChangeKind = "paused" | "resumed" | "amount_changed" | "frequency_changed";

/** Notes a change to a recurring gift for the staff's Supporters panel; the same event twice is one row. */
export async function recordSubscriptionChange(
  ledger: Ledger,
  change: { stripeEventId: string; kind: SubscriptionChangeKind; stripeSubscriptionId: string; detail: Record<string, unknown>; changedAt: Date },
): Promise<void> {
  await ledger.insert(subscriptionChanges).values(change).onConflictDoNothing();
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

/**
 * Links a gift to its charge (refunds and disputes key on charges), whichever of the two events came
 * first: the link is kept for a gift not recorded yet.
 */
export async function attachChargeToGift(ledger: Ledger, paymentIntentId: string, chargeId: string, at = new Date()): Promise<void> {
  await ledger.insert(chargeLinks).values({ stripePaymentIntentId: paymentIntentId, stripeChargeId: chargeId, linkedAt: at }).onConflictDoNothing();
  await ledger.update(gifts).set({ stripeChargeId: chargeId }).where(and(eq(gifts.stripePaymentIntentId, paymentIntentId), sql`${gifts.stripeChargeId} is null`));
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
