import type { GiftErrors } from "./gift";

/** What the checkout action hands back to the gift form when it does not redirect to Stripe. */
export type GiftFormState = {
  message: string | null;
  fieldErrors: GiftErrors;
  /** The reader's own input, so a no-JavaScript re-render keeps what they typed. */
  values: Record<string, string>;
};

export const initialGiftFormState: GiftFormState = { message: null, fieldErrors: {}, values: {} };
