import type { Currency } from "@/lib/money";
import type { Frequency } from "./config";
import type { GiftErrors } from "./gift";

/** A valid gift, read back to a reader without JavaScript before anything is charged. */
export type GiftReview = {
  frequency: Frequency;
  currency: Currency;
  amount: number;
  feeAmount: number;
  total: number;
  /** The fields the review's own form posts (with `confirmed`), exactly those the gift was read from. */
  fields: Record<string, string>;
};

/** What the checkout action hands back to the gift form when it does not redirect to Stripe. */
export type GiftFormState = {
  message: string | null;
  fieldErrors: GiftErrors;
  /** The reader's own input, so a no-JavaScript re-render keeps what they typed. */
  values: Record<string, string>;
  review: GiftReview | null;
};

export const initialGiftFormState: GiftFormState = { message: null, fieldErrors: {}, values: {}, review: null };

/** Which frequency and currency the form's amounts were drawn for: a choice made since is shown before it is charged. */
export const shownFor = (frequency: string, currency: string) => `${frequency}:${currency}`;

/** The "Remind me later" form's answer: an error to show, or what was done (with JavaScript; without it the action redirects). */
export type RemindLaterState = {
  message: string | null;
  emailError: string | null;
  email: string;
  done: { period: "week" | "month"; emailed: boolean } | null;
};

export const initialRemindLaterState: RemindLaterState = { message: null, emailError: null, email: "", done: null };
