import { and, count, desc, eq, gt, or, sql } from "drizzle-orm";
import { db } from "./client";
import { emailOutbox, paymentDeclines, paymentFailures, subscriptionChanges, subscriptions, supporters, type OutboxEmail } from "./schema";

/** What the staff's Supporters panel reads: failed renewals, changes to recurring gifts, and the e-mail outbox. */

export type PaymentFailureRow = typeof paymentFailures.$inferSelect & { email: string | null; status: string | null; declineCode: string | null; declineMessage: string | null };

export async function listPaymentFailures(limit = 50): Promise<PaymentFailureRow[]> {
  return (await db())
    .select({
      stripeInvoiceId: paymentFailures.stripeInvoiceId,
      stripeSubscriptionId: paymentFailures.stripeSubscriptionId,
      stripeCustomerId: paymentFailures.stripeCustomerId,
      amount: paymentFailures.amount,
      currency: paymentFailures.currency,
      attempts: paymentFailures.attempts,
      stripePaymentIntentId: paymentFailures.stripePaymentIntentId,
      declineCode: paymentDeclines.declineCode,
      declineMessage: paymentDeclines.message,
      lastFailedAt: paymentFailures.lastFailedAt,
      nextAttemptAt: paymentFailures.nextAttemptAt,
      recoveredAt: paymentFailures.recoveredAt,
      email: supporters.email,
      status: subscriptions.status,
    })
    .from(paymentFailures)
    .leftJoin(supporters, eq(supporters.stripeCustomerId, paymentFailures.stripeCustomerId))
    .leftJoin(subscriptions, eq(subscriptions.stripeSubscriptionId, paymentFailures.stripeSubscriptionId))
    .leftJoin(paymentDeclines, eq(paymentDeclines.stripePaymentIntentId, paymentFailures.stripePaymentIntentId))
    .orderBy(desc(paymentFailures.lastFailedAt))
    .limit(limit);
}

export type SubscriptionChangeRow = { kind: string; stripeSubscriptionId: string; detail: unknown; changedAt: Date; email: string | null };

export async function listSubscriptionChanges(limit = 50): Promise<SubscriptionChangeRow[]> {
  return (await db())
    .select({ kind: subscriptionChanges.kind, stripeSubscriptionId: subscriptionChanges.stripeSubscriptionId, detail: subscriptionChanges.detail, changedAt: subscriptionChanges.changedAt, email: supporters.email })
    .from(subscriptionChanges)
    .leftJoin(subscriptions, eq(subscriptions.stripeSubscriptionId, subscriptionChanges.stripeSubscriptionId))
    .leftJoin(supporters, eq(supporters.stripeCustomerId, subscriptions.stripeCustomerId))
    .orderBy(desc(subscriptionChanges.changedAt))
    .limit(limit);
}

export type OutboxSummary = { sent: number; waiting: number; retrying: number; failed: number };

export async function summarizeOutbox(): Promise<OutboxSummary> {
  const [row] = await (await db())
    .select({
      sent: count(sql`case when ${emailOutbox.status} = 'sent' then 1 end`),
      waiting: count(sql`case when ${emailOutbox.status} = 'pending' and ${emailOutbox.attempts} = 0 then 1 end`),
      retrying: count(sql`case when ${emailOutbox.status} = 'pending' and ${emailOutbox.attempts} > 0 then 1 end`),
      failed: count(sql`case when ${emailOutbox.status} = 'failed' then 1 end`),
    })
    .from(emailOutbox);
  return row ?? { sent: 0, waiting: 0, retrying: 0, failed: 0 };
}

/** E-mails that need a look: given up on, or still being retried. */
export async function listOutboxProblems(limit = 50): Promise<OutboxEmail[]> {
  return (await db())
    .select()
    .from(emailOutbox)
    .where(or(eq(emailOutbox.status, "failed"), and(eq(emailOutbox.status, "pending"), gt(emailOutbox.attempts, 0))))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}
