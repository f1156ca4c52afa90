/**
 * Money is an integer number of minor units (cents, pence; yen themselves) from form to ledger.
 * Conversions from what a person types happen here, once, with string arithmetic: no floats.
 */
export const CURRENCIES = ["usd", "eur", "gbp", "jpy"] as const;
export type Currency = (typeof CURRENCIES)[number];

// Stripe's zero-decimal currencies that we accept; amounts in them have no minor unit.
const ZERO_DECIMAL: ReadonlySet<string> = new Set(["jpy"]);

export const isCurrency = (value: string): value is Currency => (CURRENCIES as readonly string[]).includes(value);
export const minorUnitDigits = (currency: Currency) => (ZERO_DECIMAL.has(currency) ? 0 : 2);

/**
 * "12", "12.5", "12.50", "1,000.00" → minor units; null when it is not a plain positive amount
 * with at most the currency's decimals (no signs, exponents, NaN, Infinity or extra decimals).
 */
export function parseMajorAmount(input: string, currency: Currency): number | null {
  const text = input.trim().replace(/^[$€£¥]\s*/, "").replace(/,(?=\d{3}(\D|$))/g, "");
  const digits = minorUnitDigits(currency);
  const pattern = digits === 0 ? /^(\d{1,9})$/ : /^(\d{1,9})(?:\.(\d{1,2}))?$/;
  const match = pattern.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = digits === 0 ? 0 : Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 10 ** digits + fraction;
}

export function formatMoney(minor: number, currency: Currency, { compact = false } = {}): string {
  const digits = minorUnitDigits(currency);
  const major = minor / 10 ** digits;
  const whole = Number.isInteger(major);
  return new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: compact && whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(major);
}

/** Minor units → "12.50" for CSV and inputs. */
export function toMajorString(minor: number, currency: Currency): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
