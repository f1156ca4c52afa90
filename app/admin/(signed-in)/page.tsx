import type { Metadata } from "next";
import Link from "next/link";
import { listReconciliationRuns } from "@/db/reconciliation";
import { countGiftsByArticle, countGiftsByDay, countGiftsByPlacement, getDashboardFigures } from "@/db/reports";
import { formatCount, formatUtcDate, formatUtcDateTime, money } from "@/lib/admin/format";
import { giftQueryString, parseGiftQuery, type SearchParams } from "@/lib/admin/gift-filters";
import { can } from "@/lib/staff/roles";
import { adminPaths } from "@/lib/site/paths";
import { FilterProblems } from "../_components/filter-problems";
import { GiftsChart } from "../_components/gifts-chart";
import { PeriodFields } from "../_components/period-fields";
import { SourcesTable } from "../_components/sources-table";
import { requireStaff } from "../_lib/auth";
import styles from "../admin.module.css";
import { ReconcileForm } from "./reconcile-form";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = parseGiftQuery(params);
  const staff = await requireStaff(`/admin${giftQueryString({ ...query, filters: { period: query.period } })}`, "view");
  const period = query.period;
  if (query.problems.length > 0) {
    return (
      <>
        <div className={styles.titleRow}>
          <h1>Supporters</h1>
          <form method="get" action={adminPaths.dashboard} className={styles.filters} aria-label="Choose the period">
            <PeriodFields period={period} typed={query.typed} />
            <button type="submit">Show</button>
          </form>
        </div>
        <FilterProblems problems={query.problems} />
      </>
    );
  }
  const [figures, days, byArticle, byPlacement, runs] = await Promise.all([
    getDashboardFigures(period),
    countGiftsByDay(period),
    countGiftsByArticle(period),
    countGiftsByPlacement(period),
    listReconciliationRuns(3),
  ]);
  const giftsLink = `/admin/gifts${giftQueryString({ ...query, filters: { period } })}`;
  return (
    <>
      <div className={styles.titleRow}>
        <h1>Supporters: {period.label}</h1>
        <form method="get" action="/admin" className={styles.filters} aria-label="Choose the period">
          <PeriodFields period={period} />
          <button type="submit">Show</button>
        </form>
      </div>

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="visually-hidden">
          Figures
        </h2>
        <dl className={styles.figures}>
          <div>
            <dt>Given</dt>
            <dd>{figures.byCurrency.filter((c) => c.total > 0).map((c) => money(c.total, c.currency)).join(" · ") || "—"}</dd>
          </div>
          <div>
            <dt>Gifts</dt>
            <dd>
              {formatCount(figures.gifts)}
              <small>
                {formatCount(figures.onceGifts)} one-time · {formatCount(figures.recurringGifts)} recurring
              </small>
            </dd>
          </div>
          <div>
            <dt>New recurring supporters</dt>
            <dd>
              {formatCount(figures.newRecurring.monthly + figures.newRecurring.annual)}
              <small>
                {formatCount(figures.newRecurring.monthly)} monthly · {formatCount(figures.newRecurring.annual)} annual
              </small>
            </dd>
          </div>
          <div>
            <dt>Cancellations</dt>
            <dd>
              {formatCount(figures.cancellations.ended)}
              <small>
                ended · {formatCount(figures.cancellations.scheduled)} scheduled to end
              </small>
            </dd>
          </div>
          <div>
            <dt>Active recurring supporters</dt>
            <dd>
              {formatCount(figures.activeRecurring)}
              <small>on {formatUtcDate(figures.asOf)}</small>
            </dd>
          </div>
          <div>
            <dt>Monthly recurring revenue</dt>
            <dd>{figures.byCurrency.filter((c) => c.mrr > 0).map((c) => money(c.mrr, c.currency)).join(" · ") || "—"}</dd>
          </div>
        </dl>
        <div className={styles.tableWrap}>
          <table className={styles.table}>
            <caption>By currency (refunds and disputes by the day they happened)</caption>
            <thead>
              <tr>
                <th scope="col">Currency</th>
                <th scope="col" className={styles.num}>Given</th>
                <th scope="col" className={styles.num}>Gifts</th>
                <th scope="col" className={styles.num}>One-time</th>
                <th scope="col" className={styles.num}>Recurring</th>
                <th scope="col" className={styles.num}>Average gift</th>
                <th scope="col" className={styles.num}>Refunded</th>
                <th scope="col" className={styles.num}>Disputed</th>
                <th scope="col" className={styles.num}>MRR</th>
              </tr>
            </thead>
            <tbody>
              {figures.byCurrency.length === 0 && (
                <tr>
                  <td colSpan={9} className={styles.empty}>
                    No gifts in this period.
                  </td>
                </tr>
              )}
              {figures.byCurrency.map((c) => (
                <tr key={c.currency}>
                  <th scope="row">{c.currency.toUpperCase()}</th>
                  <td className={styles.num}>{money(c.total, c.currency)}</td>
                  <td className={styles.num}>{formatCount(c.gifts)}</td>
                  <td className={styles.num}>
                    {money(c.onceTotal, c.currency)} <small>({formatCount(c.onceGifts)})</small>
                  </td>
                  <td className={styles.num}>
                    {money(c.recurringTotal, c.currency)} <small>({formatCount(c.recurringGifts)})</small>
                  </td>
                  <td className={styles.num}>{c.gifts ? money(c.average, c.currency) : "—"}</td>
                  <td className={styles.num}>
                    {money(c.refunded, c.currency)} <small>({formatCount(c.refunds)})</small>
                  </td>
                  <td className={styles.num}>
                    {money(c.disputed, c.currency)} <small>({formatCount(c.disputes)})</small>
                  </td>
                  <td className={styles.num}>{money(c.mrr, c.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">Gifts per day</h2>
        <GiftsChart days={days} label={period.label} />
        <p>
          <Link href={giftsLink}>See every gift in this period</Link>
        </p>
      </section>

      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">Where gifts came from</h2>
        <SourcesTable rows={byArticle} caption="Articles" keyLabel="Article" emptyKey="No article (support page, home page or Stripe)" articleLinks />
        <SourcesTable rows={byPlacement} caption="Placements" keyLabel="Placement" emptyKey="Not recorded" />
      </section>

      <section aria-labelledby="reconcile-heading">
        <h2 id="reconcile-heading">Reconciliation</h2>
        {can(staff.role, "reconcile") ? (
          <ReconcileForm period={{ choice: period.choice, firstDay: period.firstDay, lastDay: period.lastDay, label: period.label }} />
        ) : (
          <p className={styles.muted}>Reconciling is for the finance desk and owners.</p>
        )}
        {runs.length > 0 && (
          <ul className={styles.runs}>
            {runs.map((r) => (
              <li key={r.id}>
                {formatUtcDateTime(r.startedAt)} by {r.startedBy}, for {formatUtcDate(r.periodFrom)} – {formatUtcDate(new Date(r.periodTo.getTime() - 1))}:{" "}
                {r.error ? `failed (${r.error})` : r.report ? summary(r.report) : "running…"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function summary(report: unknown): string {
  const r = report as { added?: Record<string, number>; disagreements?: unknown[] };
  const added = Object.values(r.added ?? {}).reduce((n, v) => n + v, 0);
  return `${added} row${added === 1 ? "" : "s"} added, ${r.disagreements?.length ?? 0} disagreement${r.disagreements?.length === 1 ? "" : "s"}`;
}
