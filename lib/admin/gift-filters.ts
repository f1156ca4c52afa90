import { FREQUENCY_FILTERS, GIFT_STATUSES, type FrequencyFilter, type GiftFilters, type GiftStatus } from "@/db/reports";
import { firstParam } from "@/lib/site/search-params";
import { parsePeriod, periodParams, type ChosenPeriod, type PeriodInput } from "./period";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * `problems`: one sentence for each filter that could not be read; when there are any, nothing is
 * shown or exported (a finance desk must never read "this month" thinking it is the range it typed).
 * `typed` is the period as it came, to show it back in the form.
 */
export type GiftQuery = { filters: GiftFilters; period: ChosenPeriod; page: number; problems: string[]; typed: PeriodInput };

/** A value from `allowed`, or undefined for "all" (empty); anything else is a problem. */
function pick<T extends string>(allowed: readonly T[], v: string | undefined, problems: string[], what: string): T | undefined {
  if (!v) return undefined;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  problems.push(`“${v.slice(0, 20)}” is not a ${what}: choose one from the list.`);
  return undefined;
}

/** The gifts table's filters from its query string, with what was wrong in it. */
export function parseGiftQuery(params: SearchParams, now = new Date()): GiftQuery {
  const typed = { period: firstParam(params.period), from: firstParam(params.from), to: firstParam(params.to) };
  const { problems, ...period } = parsePeriod(typed, now);
  const all = [...problems];
  const currency = firstParam(params.currency);
  if (currency && !/^[a-z]{3}$/.test(currency)) all.push(`“${currency.slice(0, 20)}” is not a currency: use its three-letter code, such as eur.`);
  const search = firstParam(params.q)?.trim().slice(0, 200);
  const page = Number(firstParam(params.page) ?? 1);
  if (!(Number.isSafeInteger(page) && page >= 1 && page <= 100_000)) all.push("The page must be a whole number from 1.");
  const frequency = pick<FrequencyFilter>(FREQUENCY_FILTERS, firstParam(params.frequency), all, "frequency");
  const status = pick<GiftStatus>(GIFT_STATUSES, firstParam(params.status), all, "status");
  return {
    period,
    filters: { period, frequency, currency: currency && /^[a-z]{3}$/.test(currency) ? currency : undefined, status, search: search || undefined },
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    problems: all,
    typed,
  };
}

/** The export's file name, after what it holds: gifts-2026-11-01-to-2026-11-30-recurring-eur-refunded-matching-ana.csv */
export function giftCsvFileName(q: GiftQuery): string {
  const f = q.filters;
  const search = f.search?.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30);
  const parts = [`gifts-${q.period.firstDay}-to-${q.period.lastDay}`, f.frequency, f.currency, f.status?.replace("_", "-"), search ? `matching-${search}` : undefined];
  return `${parts.filter(Boolean).join("-")}.csv`;
}

/** Back to a query string (page left out unless asked), for pagination and export links. */
export function giftQueryString(q: GiftQuery, over: { page?: number } = {}): string {
  const p = new URLSearchParams(periodParams(q.period));
  const f = q.filters;
  if (f.frequency) p.set("frequency", f.frequency);
  if (f.currency) p.set("currency", f.currency);
  if (f.status) p.set("status", f.status);
  if (f.search) p.set("q", f.search);
  if (over.page && over.page > 1) p.set("page", String(over.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const statusLabel: Record<GiftStatus, string> = {
  paid: "Paid",
  partially_refunded: "Partially refunded",
  refunded: "Refunded",
  disputed: "Disputed",
};

export const frequencyFilterLabel: Record<FrequencyFilter, string> = {
  once: "One-time",
  recurring: "Recurring (monthly and annual)",
  monthly: "Monthly",
  annual: "Annual",
};
