/** A Checkout Session id as Stripe writes it (`cs_test_…` / `cs_live_…`; Stripe ids are at most 255 characters). */
const CHECKOUT_SESSION_ID = /^cs_(?:test|live)_[A-Za-z0-9]{1,247}$/;

export const isCheckoutSessionId = (value: unknown): value is string => typeof value === "string" && CHECKOUT_SESSION_ID.test(value);
