import { FREQUENCY_FILTERS, GIFT_STATUSES, type FrequencyFilter, type GiftFilters, type GiftStatus } from "@/db/reports";
import { firstParam } from "@/lib/site/search-params";
import { parsePeriod, periodParams, type ChosenPeriod } from "./period";

export type SearchParams = Record<string, string | string[] | undefined>;

export type GiftQuery = { filters: GiftFilters; period: ChosenPeriod; page: number };

const pick = <T extends string>(allowed: readonly T[], v: string | undefined): T | undefined => (allowed as readonly string[]).includes(v ?? "") ? (v as T) : undefined;

/** The gifts table's filters from its query string; unknown values are ignored, never an error. */
export function parseGiftQuery(params: SearchParams, now = new Date()): GiftQuery {
  const period = parsePeriod({ period: firstParam(params.period), from: firstParam(params.from), to: firstParam(params.to) }, now);
  const currency = firstParam(params.currency);
  const search = firstParam(params.q)?.trim().slice(0, 200);
  const page = Number(firstParam(params.page));
  return {
    period,
    filters: {
      period,
      frequency: pick<FrequencyFilter>(FREQUENCY_FILTERS, firstParam(params.frequency)),
      currency: currency && /^[a-z]{3}$/.test(currency) ? currency : undefined,
      status: pick<GiftStatus>(GIFT_STATUSES, firstParam(params.status)),
      search: search || undefined,
    },
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
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
