import type { Period } from "@/db/reports";
import { DAY_MS, isoDay, parseUtcDay } from "@/lib/site/days";

export const PERIOD_CHOICES = ["month", "30d", "90d", "custom"] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export type ChosenPeriod = Period & {
  choice: PeriodChoice;
  /** Inclusive first and last day, as YYYY-MM-DD (UTC), for forms and labels. */
  firstDay: string;
  lastDay: string;
  label: string;
};

const DAY = DAY_MS;
const MAX_DAYS = 3 * 366;
const startOfUtcDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const parseDay = parseUtcDay;

const fullDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const monthName = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/**
 * The period the dashboard shows, from its query string: this month (the default), the last 30
 * or 90 days (today included), or a custom range of whole UTC days. Anything unreadable falls back
 * to this month rather than failing.
 */
export function parsePeriod(params: { period?: string | undefined; from?: string | undefined; to?: string | undefined }, now = new Date()): ChosenPeriod {
  const today = startOfUtcDay(now);
  const tomorrow = new Date(today.getTime() + DAY);
  const make = (choice: PeriodChoice, from: Date, to: Date, label: string): ChosenPeriod => ({
    choice,
    from,
    to,
    firstDay: isoDay(from),
    lastDay: isoDay(new Date(to.getTime() - DAY)),
    label,
  });
  if (params.period === "30d" || params.period === "90d") {
    const days = params.period === "30d" ? 30 : 90;
    return make(params.period, new Date(tomorrow.getTime() - days * DAY), tomorrow, `Last ${days} days`);
  }
  if (params.period === "custom") {
    const from = parseDay(params.from);
    const last = parseDay(params.to);
    if (from && last && last >= from && (last.getTime() - from.getTime()) / DAY < MAX_DAYS) {
      const to = new Date(last.getTime() + DAY);
      return make("custom", from, to, `${fullDate.format(from)} – ${fullDate.format(last)}`);
    }
  }
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return make("month", first, next, `${monthName.format(first)} (this month)`);
}

/** The query-string form of a period, for links that keep it. */
export function periodParams(p: ChosenPeriod): Record<string, string> {
  return p.choice === "custom" ? { period: "custom", from: p.firstDay, to: p.lastDay } : p.choice === "month" ? {} : { period: p.choice };
}
