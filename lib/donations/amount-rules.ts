import { formatMoney, readMajorAmount, type Currency } from "@/lib/money";
import { amountLimits, frequencySuffix, type Frequency } from "./config";

/** "From €2 to €1,000 a month": shown beside the amount before the reader submits, and in refusals. */
export function amountRangeText(frequency: Frequency, currency: Currency): string {
  const { min, max } = amountLimits(frequency, currency);
  return `From ${formatMoney(min, currency, { compact: true })} to ${formatMoney(max, currency, { compact: true })}${frequencySuffix[frequency] || " as a one-time gift"}.`;
}

export type AmountCheck = { ok: true; minor: number } | { ok: false; message: string };

/** The one rule for a typed amount, in the browser (as the reader types) and on the server (which decides). */
export function checkTypedAmount(text: string, frequency: Frequency, currency: Currency): AmountCheck {
  if (text.trim() === "") return { ok: false, message: "Enter an amount." };
  const reading = readMajorAmount(text, currency);
  if (!reading.ok) {
    if (reading.problem === "ambiguous") {
      return { ok: false, message: "Write the amount without a thousands separator, like 1000 or 12.50, so we charge exactly what you mean." };
    }
    return { ok: false, message: currency === "jpy" ? "Enter a whole number of yen, like 1500." : "Enter an amount like 10, 12.50 or 12,50." };
  }
  const { min, max } = amountLimits(frequency, currency);
  if (reading.minor < min || reading.minor > max) return { ok: false, message: `Choose an amount ${amountRangeText(frequency, currency).replace(/^From/, "from")}` };
  return { ok: true, minor: reading.minor };
}
