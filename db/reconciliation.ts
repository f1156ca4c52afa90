import { desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "./client";
import { disputes, gifts, reconciliationRuns, refunds, subscriptions, supporters } from "./schema";

export type LedgerCounts = { gifts: number; subscriptions: number; supporters: number; refunds: number; disputes: number };

export async function countLedgerRows(): Promise<LedgerCounts> {
  const d = await db();
  const count = async (table: typeof gifts | typeof subscriptions | typeof supporters | typeof refunds | typeof disputes) =>
    Number((await d.select({ n: sql<number>`count(*)` }).from(table))[0]?.n ?? 0);
  const [g, s, p, r, di] = await Promise.all([count(gifts), count(subscriptions), count(supporters), count(refunds), count(disputes)]);
  return { gifts: g, subscriptions: s, supporters: p, refunds: r, disputes: di };
}

export type LedgerKeys = { sessions: string[]; invoices: string[]; subscriptions: string[]; refundCharges: string[]; disputes: string[] };

/** What the ledger recorded about an object; the subscription fields only for subscriptions. */
export type LedgerFacts = {
  amount: number;
  currency: string;
  status?: string;
  frequency?: string;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: Date | null;
  pauseBehavior?: string | null;
};

type Present = { [K in keyof LedgerKeys]: Map<string, LedgerFacts> };

/** Which of these Stripe objects the ledger holds, with what it recorded about them. */
export async function findInLedger(keys: Partial<LedgerKeys>): Promise<Present> {
  const d = await db();
  const none = Promise.resolve([] as never[]);
  const [bySession, byInvoice, subs, refs, disps] = await Promise.all([
    keys.sessions?.length
      ? d.select({ id: gifts.stripeCheckoutSessionId, amount: gifts.amount, currency: gifts.currency }).from(gifts).where(inArray(gifts.stripeCheckoutSessionId, keys.sessions))
      : none,
    keys.invoices?.length ? d.select({ id: gifts.stripeInvoiceId, amount: gifts.amount, currency: gifts.currency }).from(gifts).where(inArray(gifts.stripeInvoiceId, keys.invoices)) : none,
    keys.subscriptions?.length
      ? d
          .select({
            id: subscriptions.stripeSubscriptionId,
            amount: subscriptions.amount,
            currency: subscriptions.currency,
            status: subscriptions.status,
            frequency: subscriptions.frequency,
            cancelAtPeriodEnd: subscriptions.cancelAtPeriodEnd,
            canceledAt: subscriptions.canceledAt,
            pauseBehavior: subscriptions.pauseBehavior,
          })
          .from(subscriptions)
          .where(inArray(subscriptions.stripeSubscriptionId, keys.subscriptions))
      : none,
    keys.refundCharges?.length
      ? d.select({ id: refunds.stripeChargeId, amount: refunds.amountRefunded, currency: refunds.currency }).from(refunds).where(inArray(refunds.stripeChargeId, keys.refundCharges))
      : none,
    keys.disputes?.length
      ? d.select({ id: disputes.stripeDisputeId, amount: disputes.amount, currency: disputes.currency, status: disputes.status }).from(disputes).where(inArray(disputes.stripeDisputeId, keys.disputes))
      : none,
  ]);
  const toMap = (rows: ({ id: string | null } & LedgerFacts)[]) => new Map(rows.filter((r) => r.id !== null).map(({ id, ...facts }) => [id!, facts]));
  return { sessions: toMap(bySession), invoices: toMap(byInvoice), subscriptions: toMap(subs), refundCharges: toMap(refs), disputes: toMap(disps) };
}

export type ReconciliationRun = typeof reconciliationRuns.$inferSelect;

export async function startReconciliationRun(r: { from: Date; to: Date; startedBy: string; at: Date }): Promise<number> {
  const [row] = await (await db())
    .insert(reconciliationRuns)
    .values({ periodFrom: r.from, periodTo: r.to, startedBy: r.startedBy, startedAt: r.at })
    .returning({ id: reconciliationRuns.id });
  return row!.id;
}

export async function finishReconciliationRun(id: number, outcome: { report: unknown } | { error: string }): Promise<void> {
  await (await db())
    .update(reconciliationRuns)
    .set({ finishedAt: new Date(), ...("report" in outcome ? { report: outcome.report } : { error: outcome.error }) })
    .where(eq(reconciliationRuns.id, id));
}

export async function listReconciliationRuns(limit = 5): Promise<ReconciliationRun[]> {
  return (await db()).select().from(reconciliationRuns).orderBy(desc(reconciliationRuns.startedAt)).limit(limit);
}
