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

export type AmountProblem = "format" | "ambiguous";
export type AmountReading = { ok: true; minor: number } | { ok: false; problem: AmountProblem };

const SYMBOLS = /^[$€£¥]\s*|\s*[$€£¥]$/g;

/**
 * What a person types → minor units: "12", "12.5", "12,50" (either decimal mark), "€ 20", "20 €",
 * and grouped thousands when the decimal mark makes them unambiguous ("1,000.50", "1.000,50").
 * "1,000" or "1.000" alone could be a thousand or one, so they are refused as ambiguous (in yen,
 * which has no decimals, "1,500" can only mean 1500). No signs, exponents, NaN or extra decimals.
 */
export function readMajorAmount(input: string, currency: Currency): AmountReading {
  const text = input.trim().replace(SYMBOLS, "");
  const digits = minorUnitDigits(currency);
  if (digits === 0) {
    if (/^\d{1,9}$/.test(text)) return { ok: true, minor: Number(text) };
    if (/^\d{1,3}(?:,\d{3}){1,2}$/.test(text)) return { ok: true, minor: Number(text.replace(/,/g, "")) };
    return { ok: false, problem: "format" };
  }
  let whole: string;
  let fraction: string;
  const plain = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text);
  const groupedDot = /^(\d{1,3}(?:,\d{3}){1,2})\.(\d{1,2})$/.exec(text);
  const groupedComma = /^(\d{1,3}(?:\.\d{3}){1,2}),(\d{1,2})$/.exec(text);
  if (plain) [whole, fraction] = [plain[1]!, plain[2] ?? ""];
  else if (groupedDot) [whole, fraction] = [groupedDot[1]!.replace(/,/g, ""), groupedDot[2]!];
  else if (groupedComma) [whole, fraction] = [groupedComma[1]!.replace(/\./g, ""), groupedComma[2]!];
  else return { ok: false, problem: /^\d{1,3}(?:[.,]\d{3})+$/.test(text) ? "ambiguous" : "format" };
  return { ok: true, minor: Number(whole) * 100 + Number(fraction.padEnd(2, "0")) };
}

export function parseMajorAmount(input: string, currency: Currency): number | null {
  const reading = readMajorAmount(input, currency);
  return reading.ok ? reading.minor : null;
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
