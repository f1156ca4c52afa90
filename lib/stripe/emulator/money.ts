import type { Interval } from "./types";

export const SUPPORTED_CURRENCIES = ["usd", "eur", "gbp", "jpy", "cad", "aud", "chf"] as const;
const ZERO_DECIMAL = new Set(["jpy"]);

/** Stripe's minimum charge per currency, in the smallest unit. */
const MINIMUM_CHARGE: Record<string, number> = { usd: 50, eur: 50, gbp: 30, jpy: 50, cad: 50, aud: 50, chf: 50 };

/** Stripe's ceiling for a single amount (eight digits in the smallest unit). */
export const MAX_AMOUNT = 99_999_999;

export function isZeroDecimal(currency: string): boolean {
  return ZERO_DECIMAL.has(currency);
}

export function minimumCharge(currency: string): number {
  return MINIMUM_CHARGE[currency] ?? 50;
}

export function formatAmount(amount: number, currency: string): string {
  const major = isZeroDecimal(currency) ? amount : amount / 100;
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(major);
}

export function formatInterval(interval: Interval, count: number): string {
  if (count === 1) return `per ${interval}`;
  return `every ${count} ${interval}s`;
}

/** Adds billing intervals the way Stripe does: month ends clamp (Jan 31 + 1 month = Feb 28/29). */
export function addInterval(startSeconds: number, interval: Interval, count: number): number {
  const start = new Date(startSeconds * 1000);
  switch (interval) {
    case "day":
      return startSeconds + count * 86_400;
    case "week":
      return startSeconds + count * 7 * 86_400;
    case "month":
    case "year": {
      const months = interval === "month" ? count : count * 12;
      const target = new Date(start);
      target.setUTCDate(1);
      target.setUTCMonth(target.getUTCMonth() + months);
      const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(start.getUTCDate(), lastDay));
      return Math.floor(target.getTime() / 1000);
    }
  }
}
