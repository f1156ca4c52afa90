import Link from "next/link";
import type { GiftRow } from "@/db/reports";
import { formatUtcDateTime, money, placementLabel } from "@/lib/admin/format";
import { statusLabel } from "@/lib/admin/gift-filters";
import { frequencyLabel } from "@/lib/donations/config";
import styles from "../admin.module.css";
import { StripeLink } from "./stripe-link";

/** Gifts, newest first, each with the links that open it in the Stripe dashboard. */
export function GiftsTable({ rows, caption, linkSupporters = true }: { rows: GiftRow[]; caption: string; linkSupporters?: boolean }) {
  return (
    <div className={styles.tableWrap}>
      <table className={`${styles.table} ${styles.stackOnPhones}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Paid</th>
            <th scope="col" className={styles.num}>Amount</th>
            <th scope="col">Frequency</th>
            <th scope="col">Status</th>
            <th scope="col">Supporter</th>
            <th scope="col">Came from</th>
            <th scope="col">In Stripe</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} className={styles.empty}>
                No gifts match.
              </td>
            </tr>
          )}
          {rows.map((g) => (
            <tr key={g.id}>
              <td data-label="Paid">{formatUtcDateTime(g.paidAt)}</td>
              <td className={styles.num} data-label="Amount">
                {money(g.amount, g.currency)}
                {g.refunded > 0 && <div className={styles.muted}>−{money(g.refunded, g.currency)} refunded</div>}
              </td>
              <td data-label="Frequency">{frequencyLabel[g.frequency]}</td>
              <td data-label="Status">
                <span className={styles[`status_${g.status}`]}>{statusLabel[g.status]}</span>
              </td>
              <td data-label="Supporter" className={styles.breakAnywhere}>
                {linkSupporters && g.stripeCustomerId ? <Link href={`/admin/supporters/${encodeURIComponent(g.stripeCustomerId)}`}>{g.email ?? g.stripeCustomerId}</Link> : (g.email ?? "—")}
              </td>
              <td data-label="Came from">
                {g.placement ? placementLabel(g.placement) : "—"}
                {g.sourceSlug && <div className={styles.muted}>{g.sourceSlug}</div>}
              </td>
              <td className={styles.stripeLinks} data-label="In Stripe">
                <StripeLink kind="payment" id={g.stripePaymentIntentId ?? g.stripeChargeId}>Payment</StripeLink>{" "}
                <StripeLink kind="customer" id={g.stripeCustomerId}>Customer</StripeLink>{" "}
                <StripeLink kind="subscription" id={g.stripeSubscriptionId}>Subscription</StripeLink>{" "}
                <StripeLink kind="invoice" id={g.stripeInvoiceId}>Invoice</StripeLink>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
