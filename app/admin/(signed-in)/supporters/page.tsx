import type { Metadata } from "next";
import { listOutboxProblems, listPaymentFailures, listSubscriptionChanges, summarizeOutbox } from "@/db/supporter-activity";
import { summarizeReminders } from "@/db/reminders";
import { PLACEMENT_LABELS, PLACEMENTS, type Placement } from "@/lib/donations/config";
import { formatCount, formatUtcDateTime, money } from "@/lib/admin/format";
import { DAY_MS } from "@/lib/site/days";
import { maskEmail } from "@/lib/site/format";
import { adminPaths } from "@/lib/site/paths";
import { requireStaff } from "../../_lib/auth";
import styles from "../../admin.module.css";
import { ResendForm } from "./resend-form";

export const metadata: Metadata = { title: "Supporters" };
export const dynamic = "force-dynamic";

const REMINDER_DAYS = 90;

const CHANGE_LABEL: Record<string, string> = { paused: "Paused", resumed: "Resumed", amount_changed: "New amount", frequency_changed: "New frequency" };
const EMAIL_KIND: Record<string, string> = { receipt: "Receipt", payment_failed: "Failed payment", manage_link: "Manage link", reminder: "Reminder" };

function changeText(kind: string, detail: unknown): string {
  const d = (detail ?? {}) as { from?: unknown; to?: unknown; resumesAt?: string | null; currency?: string };
  const cur = d.currency ?? "";
  if (kind === "paused") return d.resumesAt ? `until ${formatUtcDateTime(new Date(d.resumesAt))}` : "until resumed";
  if (kind === "amount_changed" && typeof d.from === "number" && typeof d.to === "number") return `${money(d.from, cur)} → ${money(d.to, cur)}`;
  if (kind === "frequency_changed") {
    const from = d.from as { amount: number; interval: string } | undefined;
    const to = d.to as { amount: number; interval: string } | undefined;
    if (from && to) return `${money(from.amount, cur)} a ${from.interval} → ${money(to.amount, cur)} a ${to.interval}`;
  }
  return "";
}

const rate = (part: number, whole: number) => (whole === 0 ? "–" : `${Math.round((part / whole) * 100)}%`);

export default async function SupportersPanel() {
  await requireStaff(adminPaths.supporters, "view");
  const since = new Date(Date.now() - REMINDER_DAYS * DAY_MS);
  const [reminders, failures, changes, outbox, problems] = await Promise.all([summarizeReminders(since), listPaymentFailures(), listSubscriptionChanges(), summarizeOutbox(), listOutboxProblems()]);
  return (
    <>
      <h1>Supporters</h1>

      <section aria-labelledby="reminders-title">
        <h2 id="reminders-title">Reminders, last {REMINDER_DAYS} days</h2>
        {reminders.length === 0 ? (
          <p>No reader has asked for a reminder by e-mail.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Asked from</th>
                  <th scope="col">Remind in</th>
                  <th scope="col" className={styles.num}>Pledged</th>
                  <th scope="col" className={styles.num}>Sent</th>
                  <th scope="col" className={styles.num}>Stopped</th>
                  <th scope="col" className={styles.num}>Became gifts</th>
                  <th scope="col" className={styles.num}>Of those sent</th>
                </tr>
              </thead>
              <tbody>
                {reminders.map((r) => (
                  <tr key={`${r.placement}-${r.period}`}>
                    <td>{PLACEMENTS.find((p) => p === r.placement) ? PLACEMENT_LABELS[r.placement as Placement] : "Unknown"}</td>
                    <td>{r.period === "month" ? "a month" : "a week"}</td>
                    <td className={styles.num}>{formatCount(r.pledged)}</td>
                    <td className={styles.num}>{formatCount(r.sent)}</td>
                    <td className={styles.num}>{formatCount(r.stopped)}</td>
                    <td className={styles.num}>{formatCount(r.converted)}</td>
                    <td className={styles.num}>{rate(r.converted, r.sent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="failures-title">
        <h2 id="failures-title">Failed renewals</h2>
        {failures.length === 0 ? (
          <p>No renewal has failed.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">Last failed</th>
                  <th scope="col">Supporter</th>
                  <th scope="col" className={styles.num}>Amount</th>
                  <th scope="col" className={styles.num}>Attempts</th>
                  <th scope="col">Bank's reason</th>
                  <th scope="col">Recovery</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((f) => (
                  <tr key={f.stripeInvoiceId}>
                    <td>{formatUtcDateTime(f.lastFailedAt)}</td>
                    <td>{f.email ? maskEmail(f.email) : f.stripeCustomerId}</td>
                    <td className={styles.num}>{money(f.amount, f.currency)}</td>
                    <td className={styles.num}>{f.attempts}</td>
                    <td>{f.declineMessage ? `${f.declineMessage}${f.declineCode ? ` (${f.declineCode})` : ""}` : "Not given"}</td>
                    <td>
                      {f.recoveredAt
                        ? `Recovered ${formatUtcDateTime(f.recoveredAt)}`
                        : f.status === "canceled"
                          ? "Not recovered: the gift ended"
                          : f.nextAttemptAt
                            ? `Stripe retries ${formatUtcDateTime(f.nextAttemptAt)}`
                            : "Waiting for a new card"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="changes-title">
        <h2 id="changes-title">Pauses, resumes and changes</h2>
        {changes.length === 0 ? (
          <p>No recurring gift has been paused or changed.</p>
        ) : (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Supporter</th>
                  <th scope="col">Change</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={`${c.stripeSubscriptionId}-${c.kind}-${c.changedAt.getTime()}`}>
                    <td>{formatUtcDateTime(c.changedAt)}</td>
                    <td>{c.email ? maskEmail(c.email) : c.stripeSubscriptionId}</td>
                    <td>{CHANGE_LABEL[c.kind] ?? c.kind}</td>
                    <td>{changeText(c.kind, c.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="outbox-title">
        <h2 id="outbox-title">E-mail outbox</h2>
        <dl className={styles.figures}>
          {(
            [
              ["Sent", outbox.sent],
              ["Waiting", outbox.waiting],
              ["Retrying", outbox.retrying],
              ["Failed", outbox.failed],
            ] as const
          ).map(([label, n]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{formatCount(n)}</dd>
            </div>
          ))}
        </dl>
        {problems.length > 0 && (
          <div className={styles.tableWrap}>
            <table className={styles.table}>
              <caption>Being retried or given up on</caption>
              <thead>
                <tr>
                  <th scope="col">Queued</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">To</th>
                  <th scope="col" className={styles.num}>Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {problems.map((e) => (
                  <tr key={e.id}>
                    <td>{formatUtcDateTime(e.createdAt)}</td>
                    <td>{EMAIL_KIND[e.kind] ?? e.kind}</td>
                    <td>{maskEmail(e.toAddress)}</td>
                    <td className={styles.num}>{e.attempts}</td>
                    <td>{e.lastError ?? ""}</td>
                    <td>{e.status === "failed" ? <ResendForm outboxId={e.id} /> : "Retrying"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
