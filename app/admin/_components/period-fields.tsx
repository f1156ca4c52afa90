import type { ChosenPeriod } from "@/lib/admin/period";
import styles from "../admin.module.css";

/** The period inputs of a GET form: the choice lives in the URL, so views can be bookmarked and shared. */
export function PeriodFields({ period }: { period: ChosenPeriod }) {
  return (
    <>
      <label className={styles.field}>
        <span>Period</span>
        <select name="period" defaultValue={period.choice}>
          <option value="month">This month</option>
          <option value="30d">Last 30 days</option>
          <option value="90d">Last 90 days</option>
          <option value="custom">Custom range (from – to)</option>
        </select>
      </label>
      <label className={styles.field}>
        <span>From</span>
        <input type="date" name="from" defaultValue={period.firstDay} />
      </label>
      <label className={styles.field}>
        <span>To</span>
        <input type="date" name="to" defaultValue={period.lastDay} />
      </label>
    </>
  );
}
