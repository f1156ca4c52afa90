import { type Currency } from "@/lib/money";

export const FREQUENCIES = ["once", "monthly", "annual"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const PLACEMENTS = ["banner", "inline", "dialog", "support_page", "reminder", "monthly_offer"] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** Where a gift was asked for, in words (Stripe's description, the staff pages). */
export const PLACEMENT_LABELS: Record<Placement, string> = {
  banner: "banner",
  inline: "end-of-article appeal",
  dialog: "reading dialog",
  support_page: "support page",
  reminder: "reminder e-mail",
  monthly_offer: "offer to give monthly",
};

export const frequencyLabel: Record<Frequency, string> = { once: "Once", monthly: "Monthly", annual: "Annual" };
export const frequencyNoun: Record<Frequency, string> = { once: "one-time gift", monthly: "monthly gift", annual: "annual gift" };
export const frequencySuffix: Record<Frequency, string> = { once: "", monthly: " a month", annual: " a year" };

/** Preset amounts in minor units; the second is highlighted as the suggested one. */
export const PRESETS: Record<Frequency, Record<Currency, number[]>> = {
  once: { usd: [1000, 2500, 5000, 10000], eur: [1000, 2500, 5000, 10000], gbp: [1000, 2000, 5000, 10000], jpy: [1500, 3000, 7500, 15000] },
  monthly: { usd: [500, 1000, 2000, 5000], eur: [500, 1000, 2000, 5000], gbp: [500, 1000, 2000, 4000], jpy: [800, 1500, 3000, 7500] },
  annual: { usd: [5000, 10000, 20000, 50000], eur: [5000, 10000, 20000, 50000], gbp: [5000, 10000, 20000, 40000], jpy: [7500, 15000, 30000, 75000] },
};
export const SUGGESTED_PRESET_INDEX = 1;

/** Minimum 2 and maximum 10,000 / 1,000 / 10,000 in major units (yen scaled to be comparable). */
const MAJOR_LIMITS: Record<Frequency, { min: number; max: number }> = {
  once: { min: 2, max: 10_000 },
  monthly: { min: 2, max: 1_000 },
  annual: { min: 2, max: 10_000 },
};
const YEN_PER_UNIT = 150;

export function amountLimits(frequency: Frequency, currency: Currency): { min: number; max: number } {
  const { min, max } = MAJOR_LIMITS[frequency];
  return currency === "jpy" ? { min: min * YEN_PER_UNIT, max: max * YEN_PER_UNIT } : { min: min * 100, max: max * 100 };
}

/** Covering card fees adds a percentage (basis points) plus a fixed amount, rounded up to a whole minor unit. */
export const FEE_COVER: { basisPoints: number; fixed: Record<Currency, number> } = {
  basisPoints: 290,
  fixed: { usd: 30, eur: 25, gbp: 20, jpy: 40 },
};

export function feeCoverAmount(amount: number, currency: Currency): number {
  return Math.ceil((amount * FEE_COVER.basisPoints) / 10_000) + FEE_COVER.fixed[currency];
}

export const PRODUCTS: Record<Frequency, { id: string; name: string; description: string }> = {
  once: { id: "masthead_gift_once", name: "One-time gift", description: "A one-time gift to Masthead's independent, reader-funded journalism." },
  monthly: { id: "masthead_support_monthly", name: "Monthly support", description: "Monthly support for Masthead's independent, reader-funded journalism." },
  annual: { id: "masthead_support_annual", name: "Annual support", description: "Annual support for Masthead's independent, reader-funded journalism." },
};
