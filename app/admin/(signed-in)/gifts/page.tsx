import type { Metadata } from "next";
import Link from "next/link";
import { FREQUENCY_FILTERS, GIFT_STATUSES, listGiftCurrencies, listGifts } from "@/db/reports";
import { formatCount } from "@/lib/admin/format";
import { frequencyFilterLabel, giftQueryString, parseGiftQuery, statusLabel, type SearchParams } from "@/lib/admin/gift-filters";
import { adminPaths } from "@/lib/site/paths";
import { can } from "@/lib/staff/roles";
import { FilterProblems } from "../../_components/filter-problems";
import { GiftsTable } from "../../_components/gifts-table";
import { PeriodFields } from "../../_components/period-fields";
import { requireStaff } from "../../_lib/auth";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Gifts" };
export const dynamic = "force-dynamic";

const PER_PAGE = 50;

export default async function GiftsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = parseGiftQuery(await searchParams);
  const staff = await requireStaff(`/admin/gifts${giftQueryString(query, { page: query.page })}`, "view");
  const refused = query.problems.length > 0;
  const [{ rows, total }, currencies] = await Promise.all([refused ? { rows: [], total: 0 } : listGifts(query.filters, { page: query.page, perPage: PER_PAGE }), listGiftCurrencies()]);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const f = query.filters;
  return (
    <>
      <h1>{refused ? "Gifts" : `Gifts: ${query.period.label}`}</h1>
      <form method="get" action="/admin/gifts" className={styles.filters} aria-label="Filter gifts">
        <PeriodFields period={query.period} typed={refused ? query.typed : undefined} />
        <label className={styles.field}>
          <span>Frequency</span>
          <select name="frequency" defaultValue={f.frequency ?? ""}>
            <option value="">All</option>
            {FREQUENCY_FILTERS.map((v) => (
              <option key={v} value={v}>
                {frequencyFilterLabel[v]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Currency</span>
          <select name="currency" defaultValue={f.currency ?? ""}>
            <option value="">All</option>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Status</span>
          <select name="status" defaultValue={f.status ?? ""}>
            <option value="">All</option>
            {GIFT_STATUSES.map((v) => (
              <option key={v} value={v}>
                {statusLabel[v]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>E-mail or Stripe id</span>
          <input type="search" name="q" defaultValue={f.search ?? ""} maxLength={200} placeholder="name@example.org" />
        </label>
        <button type="submit">Filter</button>
      </form>

      {refused && <FilterProblems problems={query.problems} />}
      {!refused && (
      <p className={styles.resultLine}>
        <span role="status">
          {formatCount(total)} gift{total === 1 ? "" : "s"}
          {pages > 1 && ` · page ${formatCount(query.page)} of ${formatCount(pages)}`}
        </span>
        {can(staff.role, "export") && (
          <a href={`${adminPaths.giftsExport}${giftQueryString(query)}`} download>
            Export these {formatCount(total)} gifts as CSV
          </a>
        )}
      </p>
      )}

      {!refused && <GiftsTable rows={rows} caption={`Gifts, newest first${pages > 1 ? ` (page ${query.page} of ${pages})` : ""}`} />}

      {pages > 1 && (
        <nav aria-label="Pages of gifts" className={styles.pagination}>
          {query.page > 1 && (
            <Link href={`/admin/gifts${giftQueryString(query, { page: query.page - 1 })}`} rel="prev">
              ← Newer
            </Link>
          )}
          <span>
            Page {formatCount(query.page)} of {formatCount(pages)}
          </span>
          {query.page < pages && (
            <Link href={`/admin/gifts${giftQueryString(query, { page: query.page + 1 })}`} rel="next">
              Older →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
