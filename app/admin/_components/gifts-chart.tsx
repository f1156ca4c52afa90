import type { DayCount } from "@/db/reports";
import { formatCount } from "@/lib/admin/format";
import styles from "../admin.module.css";

const HEIGHT = 160;

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const shortDay = (isoDay: string) => dayMonth.format(new Date(`${isoDay}T00:00:00Z`));

/** Gifts per day as a stacked bar chart, drawn on the server; the same numbers follow as a table. */
export function GiftsChart({ days, label }: { days: DayCount[]; label: string }) {
  const max = Math.max(1, ...days.map((d) => d.once + d.recurring));
  const step = Math.max(4, Math.min(24, Math.floor(720 / Math.max(1, days.length))));
  const width = step * days.length;
  const bar = Math.max(1, step - (step > 6 ? 2 : 1));
  const y = (n: number) => (n / max) * HEIGHT;
  const totalOnce = days.reduce((n, d) => n + d.once, 0);
  const totalRecurring = days.reduce((n, d) => n + d.recurring, 0);
  const ticks = [0, Math.floor((days.length - 1) / 2), days.length - 1].filter((v, i, a) => v >= 0 && a.indexOf(v) === i);
  return (
    <>
    <figure className={styles.chart}>
      <svg viewBox={`0 0 ${width} ${HEIGHT + 1}`} role="img" aria-labelledby="gifts-chart-title gifts-chart-desc" preserveAspectRatio="none" className={styles.chartSvg}>
        {/* One string: React renders a <title> with several children as an empty one on the server, and the
            client's full one then fails hydration (React error #418 on every dashboard load). */}
        <title id="gifts-chart-title">{`Gifts per day, ${label}`}</title>
        <desc id="gifts-chart-desc">
          {formatCount(totalOnce)} one-time and {formatCount(totalRecurring)} recurring gifts over {days.length} days; the busiest day had {formatCount(max)}.
        </desc>
        <line x1={0} x2={width} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} className={styles.chartAxis} />
        <line x1={0} x2={width} y1={0.5} y2={0.5} className={styles.chartGrid} />
        {days.map((d, i) => {
          const once = y(d.once);
          const recurring = y(d.recurring);
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.once} one-time, ${d.recurring} recurring`}</title>
              {/* Centred in its day's column, so the day's label below (centred in the same column) is under it. */}
              {d.once > 0 && <rect x={i * step + (step - bar) / 2} y={HEIGHT - once} width={bar} height={once} className={styles.barOnce} />}
              {d.recurring > 0 && <rect x={i * step + (step - bar) / 2} y={HEIGHT - once - recurring} width={bar} height={recurring} className={styles.barRecurring} />}
            </g>
          );
        })}
      </svg>
      {/* In HTML, not in the stretched SVG: text keeps its shape, and each label sits in its day's column. */}
      <div className={styles.chartDays} style={{ gridTemplateColumns: `repeat(${days.length}, 1fr)` }} aria-hidden="true">
        {ticks.map((i) => (
          <span key={i} style={{ gridColumn: i + 1 }}>
            {days[i] ? shortDay(days[i].day) : ""}
          </span>
        ))}
      </div>
      <figcaption className={styles.legend}>
        <span className={styles.keyOnce} aria-hidden="true" /> One-time ({formatCount(totalOnce)}) <span className={styles.keyRecurring} aria-hidden="true" /> Recurring ({formatCount(totalRecurring)}) · highest day: {formatCount(max)} gifts
      </figcaption>
    </figure>
      {/* After the figure, not in it: a figure's caption must be its first or last child. */}
      <details className={styles.chartTable}>
        <summary>Gifts per day as a table</summary>
        <table>
          <caption className="visually-hidden">Gifts per day, {label}</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col" className={styles.num}>One-time</th>
              <th scope="col" className={styles.num}>Recurring</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td className={styles.num}>{d.once}</td>
                <td className={styles.num}>{d.recurring}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
