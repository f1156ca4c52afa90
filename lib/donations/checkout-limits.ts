import { createHmac, randomUUID } from "node:crypto";
import { isClientOverCheckoutLimit, registerCheckoutAttempt, type AttemptDecision } from "@/db/checkout-limits";
import { clientAddress } from "@/lib/admin/request";
import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";

export const SESSION_COOKIE = "mh_sid";

export const checkoutLimits = () => ({
  perClient: env.CHECKOUT_LIMIT_PER_CLIENT,
  perSession: env.CHECKOUT_LIMIT_PER_SESSION,
  windowMinutes: env.CHECKOUT_LIMIT_WINDOW_MINUTES,
});

/**
 * Addresses are counted, never stored: an HMAC under a secret of ours tells one client from another,
 * and, unlike a plain hash, cannot be reversed by hashing all 4 billion IPv4 addresses.
 */
export const clientKey = (headers: { get(name: string): string | null }) =>
  createHmac("sha256", env.CLIENT_HASH_SECRET ?? localSecret("client-hash-secret")).update(clientAddress(headers)).digest("hex").slice(0, 32);

export const newSessionKey = () => randomUUID();
export const isSessionKey = (value: string | undefined): value is string => !!value && /^[0-9a-f-]{36}$/.test(value);

export function checkCheckoutAttempt(headers: { get(name: string): string | null }, sessionKey: string): Promise<AttemptDecision> {
  return registerCheckoutAttempt(clientKey(headers), sessionKey, checkoutLimits());
}

export const RATE_LIMIT_MESSAGE = "Too many payment attempts from your connection. Nothing was charged. Please wait a few minutes and try again.";

export const isClientOverLimit = (headers: { get(name: string): string | null }) => isClientOverCheckoutLimit(clientKey(headers), checkoutLimits());
