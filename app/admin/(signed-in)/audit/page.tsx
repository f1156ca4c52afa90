import type { Metadata } from "next";
import Link from "next/link";
import { listStaffActions } from "@/db/staff-audit";
import { formatUtcDateTime } from "@/lib/admin/format";
import { adminPaths } from "@/lib/site/paths";
import { firstParam } from "@/lib/site/search-params";
import { requireStaff } from "../../_lib/auth";
import styles from "../../admin.module.css";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PER_PAGE = 100;

/** What staff did, newest first: for owners only. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  await requireStaff(adminPaths.audit, "audit");
  const before = Number(firstParam(params.before));
  const action = firstParam(params.action)?.slice(0, 60) || undefined;
  const rows = await listStaffActions({ limit: PER_PAGE, before: Number.isSafeInteger(before) && before > 0 ? before : undefined, action });
  const last = rows.at(-1);
  return (
    <>
      <h1>Audit log</h1>
      <p className={styles.muted}>Sign-ins (and failed ones), sign-outs, ended sessions, password and two-factor changes, exports and reconciliations. Addresses are shown as a keyed hash.</p>
      <form method="get" action={adminPaths.audit} className={styles.filters} aria-label="Filter the log">
        <label className={styles.field}>
          <span>Action</span>
          <input type="search" name="action" defaultValue={action ?? ""} maxLength={60} placeholder="export" />
        </label>
        <button type="submit">Filter</button>
      </form>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <caption>Staff actions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Details</th>
              <th scope="col">Address (hash)</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className={styles.empty}>
                  Nothing recorded.
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatUtcDateTime(r.at)}</td>
                <td>{r.email}</td>
                <th scope="row">{r.action}</th>
                <td>
                  <code>{Object.keys(r.detail as object).length ? JSON.stringify(r.detail) : ""}</code>
                </td>
                <td>
                  <code>{r.addressHash?.slice(0, 8)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === PER_PAGE && last && (
        <nav aria-label="Older entries" className={styles.pagination}>
          <Link href={`${adminPaths.audit}?${new URLSearchParams({ before: String(last.id), ...(action ? { action } : {}) })}`} rel="next">
            Older →
          </Link>
        </nav>
      )}
    </>
  );
}
