import type { ChosenPeriod, PeriodInput } from "@/lib/admin/period";
import styles from "../admin.module.css";

/**
 * The period inputs of a GET form: the choice lives in the URL, so views can be bookmarked and
 * shared. With `typed` (a period that was refused), the fields show what was typed, to be corrected.
 */
export function PeriodFields({ period, typed }: { period: ChosenPeriod; typed?: PeriodInput }) {
  const shown = typed ? { choice: typed.period || "custom", firstDay: typed.from ?? "", lastDay: typed.to ?? "" } : period;
  return (
    <>
      <label className={styles.field}>
        <span>Period</span>
        <select name="period" defaultValue={shown.choice}>
          <option value="month">This month</option>
          <option value="30d">Last 30 days</option>
          <option value="90d">Last 90 days</option>
          <option value="custom">Custom range (from – to)</option>
        </select>
      </label>
      <label className={styles.field}>
        <span>From</span>
        <input type="date" name="from" defaultValue={shown.firstDay} />
      </label>
      <label className={styles.field}>
        <span>To</span>
        <input type="date" name="to" defaultValue={shown.lastDay} />
      </label>
    </>
  );
}
