import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSupporterProfile } from "@/db/reports";
import { formatUtcDate, money } from "@/lib/admin/format";
import { describeSubscription } from "@/lib/admin/subscription-status";
import { frequencyLabel } from "@/lib/donations/config";
import { stripeDashboardUrl } from "@/lib/stripe/dashboard";
import { GiftsTable } from "../../../_components/gifts-table";
import { StripeLink } from "../../../_components/stripe-link";
import { requireStaff } from "../../../_lib/auth";
import styles from "../../../admin.module.css";

export const metadata: Metadata = { title: "Supporter" };
export const dynamic = "force-dynamic";

export default async function SupporterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireStaff(`/admin/supporters/${encodeURIComponent(id)}`, "view");
  if (!/^cus_[A-Za-z0-9_]{1,250}$/.test(id)) notFound();
  const supporter = await getSupporterProfile(id);
  if (!supporter) notFound();
  const given = new Map<string, number>();
  for (const g of supporter.gifts) given.set(g.currency, (given.get(g.currency) ?? 0) + g.amount - g.refunded);
  return (
    <>
      <h1>{supporter.name ?? supporter.email ?? supporter.stripeCustomerId}</h1>
      <dl className={styles.facts}>
        <dt>E-mail</dt>
        <dd>{supporter.email ? <a href={`mailto:${supporter.email}`}>{supporter.email}</a> : "—"}</dd>
        <dt>Supporter since</dt>
        <dd>{supporter.since ? formatUtcDate(supporter.since) : "—"}</dd>
        <dt>Given in all (less refunds)</dt>
        <dd>{[...given].map(([c, n]) => money(n, c)).join(" · ") || "—"}</dd>
        <dt>In Stripe</dt>
        <dd>
          <a href={stripeDashboardUrl("customer", supporter.stripeCustomerId)} target="_blank" rel="noopener noreferrer">
            Open {supporter.stripeCustomerId} in the Stripe dashboard
          </a>
        </dd>
      </dl>

      <h2>Recurring gifts</h2>
      {supporter.subscriptions.length === 0 ? (
        <p className={styles.muted}>No monthly or annual gift.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption>Subscriptions</caption>
            <thead>
              <tr>
                <th scope="col">Gift</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Renews or ends</th>
                <th scope="col">In Stripe</th>
              </tr>
            </thead>
            <tbody>
              {supporter.subscriptions.map((s) => {
                const d = describeSubscription(s);
                return (
                  <tr key={s.stripeSubscriptionId}>
                    <td>
                      {money(s.amount, s.currency)} {frequencyLabel[s.frequency].toLowerCase()}
                    </td>
                    <td>
                      {d.status}
                      {d.detail && <div className={styles.muted}>{d.detail}</div>}
                    </td>
                    <td>{s.startedAt ? formatUtcDate(s.startedAt) : "—"}</td>
                    <td>{d.renewal}</td>
                    <td>
                      <StripeLink kind="subscription" id={s.stripeSubscriptionId}>
                        Subscription
                      </StripeLink>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>Gifts</h2>
      <GiftsTable rows={supporter.gifts} caption={`Every gift from this supporter (${supporter.gifts.length})`} linkSupporters={false} />
    </>
  );
}
