import { createHash, randomUUID } from "node:crypto";
import { isClientOverCheckoutLimit, registerCheckoutAttempt, type AttemptDecision } from "@/db/checkout-limits";
import { clientAddress } from "@/lib/admin/request";
import { env } from "@/lib/env";

export const SESSION_COOKIE = "mh_sid";

export const checkoutLimits = () => ({
  perClient: env.CHECKOUT_LIMIT_PER_CLIENT,
  perSession: env.CHECKOUT_LIMIT_PER_SESSION,
  windowMinutes: env.CHECKOUT_LIMIT_WINDOW_MINUTES,
});

/** Addresses are counted, never stored: a keyed hash is enough to tell one client from another. */
export const clientKey = (headers: { get(name: string): string | null }) =>
  createHash("sha256").update(`masthead-checkout|${clientAddress(headers)}`).digest("hex").slice(0, 32);

export const newSessionKey = () => randomUUID();
export const isSessionKey = (value: string | undefined): value is string => !!value && /^[0-9a-f-]{36}$/.test(value);

export function checkCheckoutAttempt(headers: { get(name: string): string | null }, sessionKey: string): Promise<AttemptDecision> {
  return registerCheckoutAttempt(clientKey(headers), sessionKey, checkoutLimits());
}

export const RATE_LIMIT_MESSAGE = "Too many payment attempts from your connection. Nothing was charged. Please wait a few minutes and try again.";

export const isClientOverLimit = (headers: { get(name: string): string | null }) => isClientOverCheckoutLimit(clientKey(headers), checkoutLimits());
