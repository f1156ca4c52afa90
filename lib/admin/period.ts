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

/** What was typed into the period fields, kept so a refused value can be shown back as typed. */
export type PeriodInput = { period?: string | undefined; from?: string | undefined; to?: string | undefined };

const dayProblem = (field: "From" | "To", value: string | undefined) =>
  !value ? `Enter a “${field}” date.` : `“${field}” must be a real day written YYYY-MM-DD (for example 2026-11-01), not “${value.slice(0, 20)}”.`;

/**
 * The period the dashboard shows, from its query string: this month (the default), the last 30
 * or 90 days (today included), or a custom range of whole UTC days. Dates that differ from the
 * chosen preset's own are a custom range, whether or not "Custom range" was chosen (the form
 * always sends them). Anything unreadable is not guessed at: `problems` says what is wrong, one
 * sentence each, and the period is this month only as a placeholder for the form.
 */
export function parsePeriod(params: PeriodInput, now = new Date()): ChosenPeriod & { problems: string[] } {
  const today = startOfUtcDay(now);
  const tomorrow = new Date(today.getTime() + DAY);
  const make = (choice: PeriodChoice, from: Date, to: Date, label: string, problems: string[] = []) => ({
    choice,
    from,
    to,
    firstDay: isoDay(from),
    lastDay: isoDay(new Date(to.getTime() - DAY)),
    label,
    problems,
  });
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const month = (problems: string[] = []) => make("month", first, next, `${monthName.format(first)} (this month)`, problems);
  const choice = params.period || "month";
  if (!(PERIOD_CHOICES as readonly string[]).includes(choice)) {
    return month([`“${choice.slice(0, 20)}” is not a period: choose this month, the last 30 or 90 days, or a custom range.`]);
  }
  let preset: ReturnType<typeof make> | null = null;
  if (choice === "30d" || choice === "90d") {
    const days = choice === "30d" ? 30 : 90;
    preset = make(choice, new Date(tomorrow.getTime() - days * DAY), tomorrow, `Last ${days} days`);
  } else if (choice === "month") {
    preset = month();
  }
  const typedOther = (params.from && params.from !== preset?.firstDay) || (params.to && params.to !== preset?.lastDay);
  if (preset && !typedOther) return preset;
  const from = parseDay(params.from);
  const last = parseDay(params.to);
  const problems: string[] = [];
  if (!from) problems.push(dayProblem("From", params.from));
  if (!last) problems.push(dayProblem("To", params.to));
  if (from && last && last < from) problems.push(`“From” (${isoDay(from)}) is after “To” (${isoDay(last)}).`);
  if (from && last && last >= from && (last.getTime() - from.getTime()) / DAY >= MAX_DAYS) {
    problems.push(`A range can be at most ${MAX_DAYS.toLocaleString("en-GB")} days (about three years); ${isoDay(from)} to ${isoDay(last)} is ${((last.getTime() - from.getTime()) / DAY + 1).toLocaleString("en-GB")}.`);
  }
  if (problems.length > 0 || !from || !last) return month(problems);
  return make("custom", from, new Date(last.getTime() + DAY), `${fullDate.format(from)} – ${fullDate.format(last)}`);
}

/** The query-string form of a period, for links that keep it. */
export function periodParams(p: ChosenPeriod): Record<string, string> {
  return p.choice === "custom" ? { period: "custom", from: p.firstDay, to: p.lastDay } : p.choice === "month" ? {} : { period: p.choice };
}
