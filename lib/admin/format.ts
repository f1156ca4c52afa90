import { formatMoney, isCurrency } from "@/lib/money";

/** Money from the ledger; a currency we do not offer (a payment made in the Stripe dashboard) still shows. */
export function money(minor: number, currency: string): string {
  if (isCurrency(currency)) return formatMoney(minor, currency);
  try {
    return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).format(minor / 100);
  } catch {
    return `${minor} ${currency.toUpperCase()}`;
  }
}

const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export const formatUtcDateTime = (d: Date): string => `${dateTime.format(d)} UTC`;
export const formatUtcDate = (d: Date): string => date.format(d);
export const formatCount = (n: number): string => n.toLocaleString("en-GB");

/** How staff pages write a placement (the stored value is `support_page`, staff read "support page"). */
export const placementLabel = (placement: string): string => placement.replaceAll("_", " ");

/**
 * A subscription's status in the staff pages' British English (Stripe writes `canceled`,
 * `past_due`, …; the pages say "cancelled", "past due").
 */
export const subscriptionStatusLabel = (status: string): string => (status === "canceled" ? "cancelled" : status.replaceAll("_", " "));
