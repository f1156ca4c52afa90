/** Whole UTC days, as staff type them (YYYY-MM-DD) into filters, the reconcile API and the CLI. */
export const DAY_MS = 86_400_000;

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Midnight UTC of a real calendar day, or null: 2026-02-31 and 2026-2-3 are not days. */
export function parseUtcDay(value: string | undefined | null): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || isoDay(d) !== value ? null : d;
}

/** The half-open range [first day 00:00, the day after the last day 00:00), both days included. */
export function utcDayRange(first: Date, last: Date): { from: Date; to: Date } {
  return { from: first, to: new Date(last.getTime() + DAY_MS) };
}

/** The same moment `months` calendar months later (UTC), the day clamped to the month's length. */
export function addMonthsUtc(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}
