import { z } from "zod";
import { CURRENCIES, type Currency } from "@/lib/money";
import { checkTypedAmount } from "./amount-rules";
import { feeCoverAmount, FREQUENCIES, PLACEMENTS, PRESETS, type Frequency, type Placement } from "./config";

/** A validated gift, ready for Stripe: every amount an integer in minor units. */
export type Gift = {
  frequency: Frequency;
  currency: Currency;
  /** What the reader chose, before any fee cover. */
  amount: number;
  coverFees: boolean;
  feeAmount: number;
  /** What is charged: amount + feeAmount. */
  total: number;
  placement: Placement;
  sourcePath: string;
  sourceSlug: string | null;
  campaign: string | null;
  /** The reminder e-mail whose link opened this form, counted when the gift is made. */
  reminderId: number | null;
};

export type GiftField = "frequency" | "currency" | "amount" | "other_amount" | "cover_fees" | "placement" | "source_path" | "campaign" | "reminder";
export type GiftErrors = Partial<Record<GiftField, string[]>>;
export type GiftParseResult = { ok: true; gift: Gift } | { ok: false; errors: GiftErrors };

const MAX_FIELD = 200;

/**
 * Only a same-site path is accepted as where the reader came from: no scheme, no host, no `//`,
 * no backslash, so a cancel URL built from it can never send the reader to another site.
 */
export function safeSourcePath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_FIELD) return null;
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~/%]*$/.test(value)) return null;
  return value;
}

/** A reminder's id as it travels in a link, a form and Stripe metadata: a positive Postgres integer, or nothing. */
export function readReminderId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}

const text = (max: number, missing = "is required") => z.string({ error: missing }).max(max, `must be at most ${max} characters`);

const rawSchema = z.object({
  frequency: z.enum(FREQUENCIES, { error: "Choose once, monthly or annual." }),
  currency: z.enum(CURRENCIES, { error: "Choose a currency we accept." }),
  amount: text(20).optional(),
  other_amount: text(20).optional(),
  cover_fees: z.enum(["on", "true", "1"]).optional(),
  placement: z.enum(PLACEMENTS, { error: "Unknown placement." }),
  source_path: text(MAX_FIELD, "Unknown page."),
  campaign: z
    .string()
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/i, "must be letters, digits, - or _")
    .optional(),
  reminder: z.string().refine((v) => readReminderId(v) !== null, "Unknown reminder.").optional(),
});

const single = (v: FormDataEntryValue | null) => (typeof v === "string" && v !== "" ? v : undefined);

/** Validates a submitted gift form. The only place amounts from a reader are trusted or refused. */
export function parseGiftForm(form: FormData | Record<string, string | undefined>): GiftParseResult {
  const get = (k: string) => (form instanceof FormData ? single(form.get(k)) : form[k] === "" ? undefined : form[k]);
  const raw = rawSchema.safeParse({
    frequency: get("frequency"),
    currency: get("currency"),
    amount: get("amount"),
    other_amount: get("other_amount"),
    cover_fees: get("cover_fees"),
    placement: get("placement"),
    source_path: get("source_path"),
    campaign: get("campaign"),
    reminder: get("reminder"),
  });
  if (!raw.success) {
    const errors: GiftErrors = {};
    for (const issue of raw.error.issues) {
      const key = issue.path[0] as GiftField;
      (errors[key] ??= []).push(issue.message);
    }
    return { ok: false, errors };
  }
  const { frequency, currency } = raw.data;

  // "other" (or no preset at all) means the typed amount counts; a preset is one of this frequency's
  // and currency's own presets, in minor units (a number from another set's labels is not accepted).
  let amount: number;
  if (raw.data.amount && raw.data.amount !== "other") {
    const preset = /^[1-9]\d{0,8}$/.test(raw.data.amount) ? Number(raw.data.amount) : null;
    if (preset === null || !PRESETS[frequency][currency].includes(preset)) {
      return { ok: false, errors: { amount: ["Choose one of the amounts shown, or Other."] } };
    }
    amount = preset;
  } else {
    const checked = checkTypedAmount(raw.data.other_amount ?? "", frequency, currency);
    if (!checked.ok) return { ok: false, errors: { other_amount: [checked.message] } };
    amount = checked.minor;
  }

  const sourcePath = safeSourcePath(raw.data.source_path);
  if (sourcePath === null) return { ok: false, errors: { source_path: ["Unknown page."] } };

  const coverFees = raw.data.cover_fees !== undefined;
  const feeAmount = coverFees ? feeCoverAmount(amount, currency) : 0;
  return {
    ok: true,
    gift: {
      frequency,
      currency,
      amount,
      coverFees,
      feeAmount,
      total: amount + feeAmount,
      placement: raw.data.placement,
      sourcePath,
      sourceSlug: /^\/articles\/([a-z0-9-]{1,120})$/.exec(sourcePath)?.[1] ?? null,
      campaign: raw.data.campaign ?? null,
      reminderId: readReminderId(raw.data.reminder),
    },
  };
}
