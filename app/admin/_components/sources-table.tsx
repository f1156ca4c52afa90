import type { SourceRow } from "@/db/reports";
import { formatCount, money, placementLabel } from "@/lib/admin/format";
import styles from "../admin.module.css";
import { articlePath } from "@/lib/site/paths";

/** Which articles or placements brought gifts; `keyLabel` names the first column. */
export function SourcesTable({ rows, caption, keyLabel, emptyKey, limit = 20, articleLinks = false }: { rows: SourceRow[]; caption: string; keyLabel: string; emptyKey: string; limit?: number; articleLinks?: boolean }) {
  const shown = rows.slice(0, limit);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption>
          {caption}
          {rows.length > limit && <span className={styles.muted}> (top {limit} of {rows.length})</span>}
        </caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col" className={styles.num}>Gifts</th>
            <th scope="col" className={styles.num}>One-time</th>
            <th scope="col" className={styles.num}>Recurring</th>
            <th scope="col" className={styles.num}>Given</th>
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={5} className={styles.empty}>
                No gifts in this period.
              </td>
            </tr>
          )}
          {shown.map((r) => (
            <tr key={r.key ?? "(none)"}>
              <th scope="row">
                {r.key === null ? (
                  <span className={styles.muted}>{emptyKey}</span>
                ) : articleLinks ? (
                  <a href={articlePath(encodeURIComponent(r.key))}>{r.label ?? r.key}</a>
                ) : (
                  placementLabel(r.key)
                )}
              </th>
              <td className={styles.num}>{formatCount(r.gifts)}</td>
              <td className={styles.num}>{formatCount(r.onceGifts)}</td>
              <td className={styles.num}>{formatCount(r.recurringGifts)}</td>
              <td className={styles.num}>{r.totals.map((t) => money(t.amount, t.currency)).join(" · ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
