import type Stripe from "stripe";
import { inTransaction, queueEmail } from "@/db/email-outbox";
import { listStaffAccounts } from "@/db/staff";
import { can } from "@/lib/staff/roles";
import { DAY_MS } from "@/lib/site/days";
import { describeReport, runReconciliation } from "@/lib/stripe/reconcile";

/** How far back each night's run looks: two days, so a night the worker was down is covered by the next. */
const LOOKBACK_DAYS = 2;

/**
 * The worker's nightly reconciliation: compares Stripe with the ledger for the last two days (adding
 * what the webhooks missed, as the button does) and e-mails the staff who may reconcile (owners and
 * finance) only when something disagrees. One e-mail per run and person, however often the job is retried.
 */
export async function reconcileNightly(now = new Date(), stripe?: Stripe): Promise<{ runId: number; disagreements: number; emailed: number }> {
  const { runId, report } = await runReconciliation({ from: new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS), to: now, startedBy: "nightly schedule", ...(stripe ? { stripe } : {}) });
  if (report.disagreements.length === 0) return { runId, disagreements: 0, emailed: 0 };
  const staff = (await listStaffAccounts()).filter((person) => can(person.role, "reconcile"));
  const lines = describeReport(report);
  const emailed = await inTransaction(async (ledger) => {
    let queued = 0;
    for (const person of staff) {
      const id = await queueEmail(ledger, { dedupeKey: `reconciliation:${runId}:${person.id}`, kind: "reconciliation", toAddress: person.email, data: { runId, lines, disagreements: report.disagreements.length } });
      if (id !== null) queued++;
    }
    return queued;
  });
  return { runId, disagreements: report.disagreements.length, emailed };
}
