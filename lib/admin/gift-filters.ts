import { FREQUENCY_FILTERS, GIFT_STATUSES, type FrequencyFilter, type GiftFilters, type GiftStatus } from "@/db/reports";
import { parsePeriod, periodParams, type ChosenPeriod } from "./period";

export type SearchParams = Record<string, string | string[] | undefined>;

export type GiftQuery = { filters: GiftFilters; period: ChosenPeriod; page: number };

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const pick = <T extends string>(allowed: readonly T[], v: string | undefined): T | undefined => (allowed as readonly string[]).includes(v ?? "") ? (v as T) : undefined;

/** The gifts table's filters from its query string; unknown values are ignored, never an error. */
export function parseGiftQuery(params: SearchParams, now = new Date()): GiftQuery {
  const period = parsePeriod({ period: one(params.period), from: one(params.from), to: one(params.to) }, now);
  const currency = one(params.currency);
  const search = one(params.q)?.trim().slice(0, 200);
  const page = Number(one(params.page));
  return {
    period,
    filters: {
      period,
      frequency: pick<FrequencyFilter>(FREQUENCY_FILTERS, one(params.frequency)),
      currency: currency && /^[a-z]{3}$/.test(currency) ? currency : undefined,
      status: pick<GiftStatus>(GIFT_STATUSES, one(params.status)),
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
