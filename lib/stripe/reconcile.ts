import { logEvent } from "@/lib/log";
import type Stripe from "stripe";
import { countLedgerRows, findInLedger, finishReconciliationRun, startReconciliationRun, type LedgerCounts, type LedgerFacts, type LedgerKeys } from "@/db/reconciliation";
import { getStripe, idOf } from "./client";
import { HANDLED_EVENT_TYPES } from "./events";
import { handleStripeEvent } from "./webhook";

export type ReconcilePhase = "events" | "checkout sessions" | "invoices" | "subscriptions" | "refunds";
export type ReconcileProgress = { phase: ReconcilePhase; phaseIndex: number; phases: number; fraction: number; seen: number };

/** `repaired`: the ledger was brought to Stripe's value through the webhook's own handler (subscriptions only). */
export type Disagreement = { kind: "gift" | "subscription" | "refund"; stripeId: string; field: string; stripe: string; ledger: string; repaired?: boolean };

export type ReconcileReport = {
  from: string;
  to: string;
  events: { seen: number; processed: number; reapplied: number; alreadyInLedger: number };
  checked: { checkoutSessions: number; invoices: number; subscriptions: number; refundedCharges: number };
  /** Rows the ledger gained during the run, by table. */
  added: LedgerCounts;
  /** Objects missing from the ledger whose events Stripe no longer keeps (30 days): rebuilt from the object itself. */
  rebuilt: { kind: string; stripeId: string }[];
  disagreements: Disagreement[];
};

const PHASES: ReconcilePhase[] = ["events", "checkout sessions", "invoices", "subscriptions", "refunds"];
const PAGE = 100;

const invoiceSubscription = (invoice: Stripe.Invoice) => idOf(invoice.parent?.subscription_details?.subscription);
const isGiftInvoice = (invoice: Stripe.Invoice) => invoice.status === "paid" && invoice.amount_paid > 0 && invoiceSubscription(invoice) !== null;
const isGiftSession = (s: Stripe.Checkout.Session) => s.mode === "payment" && s.payment_status === "paid";

/** The ledger row an event's handler writes, to tell whether a recorded event's row is still there. */
function ledgerKeyOf(event: Stripe.Event): { kind: keyof LedgerKeys; id: string } | null {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const s = event.data.object;
      if (isGiftSession(s)) return { kind: "sessions", id: s.id };
      const sub = idOf(s.subscription);
      return s.mode === "subscription" && sub && s.customer ? { kind: "subscriptions", id: sub } : null;
    }
    case "invoice.paid":
      return isGiftInvoice({ ...event.data.object, status: "paid" }) ? { kind: "invoices", id: event.data.object.id } : null;
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return { kind: "subscriptions", id: event.data.object.id };
    case "charge.refunded":
      return { kind: "refundCharges", id: event.data.object.id };
    case "charge.dispute.created":
      return { kind: "disputes", id: event.data.object.id };
    default:
      return null;
  }
}

function paymentIntentOf(event: Stripe.Event): string | null {
  if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") return idOf(event.data.object.payment_intent);
  if (event.type === "invoice.paid") {
    const invoice = event.data.object;
    return idOf(invoice.payments?.data[0]?.payment?.payment_intent);
  }
  return null;
}

/** An event made from an object as Stripe lists it now, for rows whose real event has expired. */
function syntheticEvent(type: Stripe.Event["type"], object: { id: string }, created: number): Stripe.Event {
  return {
    id: `reconcile_${object.id}`,
    object: "event",
    api_version: null,
    created,
    livemode: false,
    pending_webhooks: 0,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Stripe.Event;
}

/**
 * Brings the ledger in line with Stripe for objects created in [from, to):
 * 1. every handled event in the period goes through the webhook's own handler (already-processed
 *    ones are skipped), and a recorded event whose ledger row has gone missing is re-applied;
 * 2. paid checkout sessions, paid invoices, subscriptions and refunds are listed and compared with
 *    the ledger; what is missing there and has no event left is rebuilt from the object; a
 *    subscription whose state differs (status, amount, cancel_at_period_end, canceled_at, pause) is
 *    repaired through the webhook's handler and each field reported; other differences are reported.
 * Every write is keyed by Stripe ids, so running it again adds nothing.
 */
export async function reconcileWithStripe(options: {
  from: Date;
  to: Date;
  stripe?: Stripe;
  onProgress?: (p: ReconcileProgress) => void;
  now?: () => Date;
}): Promise<ReconcileReport> {
  const stripe = options.stripe ?? getStripe();
  const now = options.now ?? (() => new Date());
  const created = { gte: Math.floor(options.from.getTime() / 1000), lt: Math.ceil(options.to.getTime() / 1000) };
  const span = Math.max(1, created.lt - created.gte);
  const before = await countLedgerRows();
  const report: ReconcileReport = {
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    events: { seen: 0, processed: 0, reapplied: 0, alreadyInLedger: 0 },
    checked: { checkoutSessions: 0, invoices: 0, subscriptions: 0, refundedCharges: 0 },
    added: { gifts: 0, subscriptions: 0, supporters: 0, refunds: 0, disputes: 0 },
    rebuilt: [],
    disagreements: [],
  };
  const progress = (phase: ReconcilePhase, seen: number, newestFirstCreated?: number) => {
    // Lists come newest first, so how far back in the period we are is how far along we are.
    const fraction = newestFirstCreated === undefined ? 1 : Math.min(1, Math.max(0, (created.lt - newestFirstCreated) / span));
    options.onProgress?.({ phase, phaseIndex: PHASES.indexOf(phase), phases: PHASES.length, fraction, seen });
  };
  const withEvents: { [K in keyof LedgerKeys]: Set<string> } = { sessions: new Set(), invoices: new Set(), subscriptions: new Set(), refundCharges: new Set(), disputes: new Set() };

  // 1. Events, through the webhook's path.
  // A restored gift gets its charge id from its charge's own events, which may come in any page.
  const chargeEventsByIntent = new Map<string, string[]>();
  const restoredIntents = new Set<string>();
  const applyEvents = async (events: Stripe.Event[]) => {
    const recorded: { event: Stripe.Event; key: { kind: keyof LedgerKeys; id: string } }[] = [];
    for (const event of events) {
      const outcome = await handleStripeEvent(event);
      const key = ledgerKeyOf(event);
      if (key) withEvents[key.kind].add(key.id);
      if ((event.type === "charge.succeeded" || event.type === "charge.refunded") && outcome === "duplicate") {
        const intent = idOf(event.data.object.payment_intent);
        if (intent) chargeEventsByIntent.set(intent, [...(chargeEventsByIntent.get(intent) ?? []), event.id]);
      }
      if (outcome === "processed") {
        report.events.processed++;
        const intent = paymentIntentOf(event);
        if (intent) restoredIntents.add(intent);
      }
      else if (outcome === "duplicate" && key) recorded.push({ event, key });
      else if (outcome === "duplicate") report.events.alreadyInLedger++;
    }
    if (recorded.length === 0) return;
    const keys: Partial<LedgerKeys> = {};
    for (const { key } of recorded) (keys[key.kind] ??= []).push(key.id);
    const present = await findInLedger(keys);
    for (const { event, key } of recorded) {
      if (present[key.kind].has(key.id)) {
        report.events.alreadyInLedger++;
      } else {
        await handleStripeEvent(event, { reapply: true });
        report.events.reapplied++;
        present[key.kind].set(key.id, { amount: 0, currency: "" });
        const intent = paymentIntentOf(event);
        if (intent) restoredIntents.add(intent);
      }
    }
  };
  let batch: Stripe.Event[] = [];
  for await (const event of stripe.events.list({ types: HANDLED_EVENT_TYPES, created, limit: PAGE })) {
    report.events.seen++;
    batch.push(event);
    if (batch.length === PAGE) {
      await applyEvents(batch);
      batch = [];
      progress("events", report.events.seen, event.created);
    }
  }
  await applyEvents(batch);
  for (const intent of restoredIntents) {
    for (const id of chargeEventsByIntent.get(intent) ?? []) await handleStripeEvent(await stripe.events.retrieve(id), { reapply: true });
  }
  progress("events", report.events.seen);

  // 2. Objects, compared with the ledger page by page.
  const differ = (kind: Disagreement["kind"], stripeId: string, field: string, stripeValue: unknown, ledgerValue: unknown) => {
    if (String(stripeValue) !== String(ledgerValue)) report.disagreements.push({ kind, stripeId, field, stripe: String(stripeValue), ledger: String(ledgerValue) });
  };
  const rebuild = async (kind: string, event: Stripe.Event, stripeId: string) => {
    await handleStripeEvent(event, { reapply: true });
    report.rebuilt.push({ kind, stripeId });
  };

  async function walk<T extends { id: string; created: number }>(phase: ReconcilePhase, list: AsyncIterable<T>, check: (page: T[]) => Promise<void>): Promise<void> {
    let page: T[] = [];
    let seen = 0;
    for await (const item of list) {
      seen++;
      page.push(item);
      if (page.length === PAGE) {
        await check(page);
        page = [];
        progress(phase, seen, item.created);
      }
    }
    await check(page);
    progress(phase, seen);
  }

  await walk("checkout sessions", stripe.checkout.sessions.list({ created, status: "complete", limit: PAGE }), async (page) => {
    const sessions = page.filter(isGiftSession);
    report.checked.checkoutSessions += sessions.length;
    const present = await findInLedger({ sessions: sessions.map((s) => s.id) });
    for (const s of sessions) {
      const row = present.sessions.get(s.id);
      if (!row) {
        if (withEvents.sessions.has(s.id)) report.disagreements.push({ kind: "gift", stripeId: s.id, field: "present", stripe: "paid", ledger: "missing" });
        else await rebuild("gift", syntheticEvent("checkout.session.completed", s, s.created), s.id);
        continue;
      }
      differ("gift", s.id, "amount", s.amount_total, row.amount);
      differ("gift", s.id, "currency", s.currency, row.currency);
    }
  });

  await walk("invoices", stripe.invoices.list({ created, status: "paid", limit: PAGE }), async (page) => {
    const invoices = page.filter(isGiftInvoice);
    report.checked.invoices += invoices.length;
    const present = await findInLedger({ invoices: invoices.map((i) => i.id) });
    for (const invoice of invoices) {
      const row = present.invoices.get(invoice.id);
      if (!row) {
        if (withEvents.invoices.has(invoice.id)) report.disagreements.push({ kind: "gift", stripeId: invoice.id, field: "present", stripe: "paid", ledger: "missing" });
        else await rebuild("gift", syntheticEvent("invoice.paid", invoice, invoice.status_transitions?.paid_at ?? invoice.created), invoice.id);
        continue;
      }
      differ("gift", invoice.id, "amount", invoice.amount_paid, row.amount);
      differ("gift", invoice.id, "currency", invoice.currency, row.currency);
    }
  });

  // A subscription's state is compared field by field with Stripe's, and a disagreement is repaired
  // the way a webhook would have: the listed object, as of now, through the same handler. (A
  // gift's amount is only reported: a paid amount in the ledger is evidence, not state.)
  const subscriptionFacts = (sub: Stripe.Subscription) => {
    const item = sub.items.data[0];
    return {
      status: sub.status,
      amount: String((item?.price.unit_amount ?? 0) * (item?.quantity ?? 1)),
      currency: item?.price.currency ?? sub.currency,
      cancel_at_period_end: String(sub.cancel_at_period_end),
      canceled_at: sub.canceled_at ? new Date(sub.canceled_at * 1000).toISOString() : "none",
      pause: sub.pause_collection?.behavior ?? "none",
    };
  };
  const ledgerFacts = (row: LedgerFacts): Record<keyof ReturnType<typeof subscriptionFacts>, string> => ({
    status: row.status ?? "",
    amount: String(row.amount),
    currency: row.currency,
    cancel_at_period_end: String(row.cancelAtPeriodEnd ?? false),
    canceled_at: row.canceledAt ? new Date(Math.floor(row.canceledAt.getTime() / 1000) * 1000).toISOString() : "none",
    pause: row.pauseBehavior ?? "none",
  });

  await walk("subscriptions", stripe.subscriptions.list({ created, status: "all", limit: PAGE }), async (page) => {
    const subs = page.filter((s) => s.status !== "incomplete" && s.status !== "incomplete_expired");
    report.checked.subscriptions += subs.length;
    const present = await findInLedger({ subscriptions: subs.map((s) => s.id) });
    const asOfNow = () => Math.floor(now().getTime() / 1000);
    for (const sub of subs) {
      const row = present.subscriptions.get(sub.id);
      if (!row) {
        // The listed object is the state as of now, so it is applied as of now.
        await rebuild("subscription", syntheticEvent("customer.subscription.updated", sub, asOfNow()), sub.id);
        continue;
      }
      const truth = subscriptionFacts(sub);
      const recorded = ledgerFacts(row);
      const fields = (Object.keys(truth) as (keyof typeof truth)[]).filter((f) => truth[f] !== recorded[f]);
      if (fields.length === 0) continue;
      await handleStripeEvent(syntheticEvent("customer.subscription.updated", sub, asOfNow()), { reapply: true });
      const after = (await findInLedger({ subscriptions: [sub.id] })).subscriptions.get(sub.id);
      const repairedTo = after ? ledgerFacts(after) : null;
      for (const field of fields) {
        report.disagreements.push({ kind: "subscription", stripeId: sub.id, field, stripe: truth[field], ledger: recorded[field], repaired: repairedTo?.[field] === truth[field] });
      }
    }
  });

  await walk("refunds", stripe.refunds.list({ created, limit: PAGE, expand: ["data.charge"] }), async (page) => {
    const charges = new Map<string, Stripe.Charge>();
    for (const refund of page) {
      if (refund.status !== "succeeded" && refund.status !== "pending") continue;
      const charge = typeof refund.charge === "string" ? await stripe.charges.retrieve(refund.charge) : refund.charge;
      if (charge) charges.set(charge.id, charge);
    }
    report.checked.refundedCharges += charges.size;
    const present = await findInLedger({ refundCharges: [...charges.keys()] });
    for (const charge of charges.values()) {
      const row = present.refundCharges.get(charge.id);
      if (!row) {
        const latest = page.filter((r) => idOf(r.charge) === charge.id).reduce((t, r) => Math.max(t, r.created), charge.created);
        await rebuild("refund", syntheticEvent("charge.refunded", charge, latest), charge.id);
        continue;
      }
      differ("refund", charge.id, "amount refunded", charge.amount_refunded, row.amount);
    }
  });

  const after = await countLedgerRows();
  for (const k of Object.keys(after) as (keyof LedgerCounts)[]) report.added[k] = after[k] - before[k];
  return report;
}

/** A few lines a person can read, for the command line and the record. */
export function describeReport(r: ReconcileReport): string[] {
  const added = Object.entries(r.added).filter(([, n]) => n !== 0);
  return [
    `Period: ${r.from} – ${r.to}`,
    `Events: ${r.events.seen} seen, ${r.events.processed} newly recorded, ${r.events.reapplied} re-applied for a missing row, ${r.events.alreadyInLedger} already in the ledger.`,
    `Checked: ${r.checked.checkoutSessions} paid checkout sessions, ${r.checked.invoices} paid invoices, ${r.checked.subscriptions} subscriptions, ${r.checked.refundedCharges} refunded charges.`,
    added.length === 0 ? "Added: nothing (the ledger already matched)." : `Added: ${added.map(([k, n]) => `${n} ${k}`).join(", ")}.`,
    ...(r.rebuilt.length ? [`Rebuilt from Stripe objects (their events have expired): ${r.rebuilt.map((x) => `${x.kind} ${x.stripeId}`).join(", ")}`] : []),
    r.disagreements.length === 0
      ? "Disagreements: none."
      : `Disagreements (${r.disagreements.length}):`,
    ...r.disagreements.map((d) => `  ${d.kind} ${d.stripeId}: ${d.field} is ${d.stripe} in Stripe, ${d.ledger} in the ledger${d.repaired ? " (repaired from Stripe)" : d.kind === "subscription" ? " (could not be repaired)" : ""}`),
  ];
}

/** Runs a reconciliation and keeps its report (or its error) in reconciliation_runs. */
export async function runReconciliation(options: Parameters<typeof reconcileWithStripe>[0] & { startedBy: string }): Promise<{ runId: number; report: ReconcileReport }> {
  const runId = await startReconciliationRun({ from: options.from, to: options.to, startedBy: options.startedBy, at: new Date() });
  try {
    const report = await reconcileWithStripe(options);
    await finishReconciliationRun(runId, { report });
    return { runId, report };
  } catch (error) {
    await finishReconciliationRun(runId, { error: error instanceof Error ? error.message : String(error) }).catch((recordError: unknown) => {
      logEvent("error", "reconcile.run_not_recorded", { runId, error: recordError });
    });
    throw error;
  }
}
