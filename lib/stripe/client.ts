import Stripe from "stripe";
import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";

import { EMULATOR_KEY, stripeApiBase, usesEmulator } from "./config";

export { usesEmulator };

export function getWebhookSecret(): string {
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  if (usesEmulator()) return localSecret("stripe-webhook-secret", "whsec_");
  throw new Error("STRIPE_WEBHOOK_SECRET must be set when a real Stripe key is configured.");
}

const globalForStripe = globalThis as unknown as { mastheadStripe?: Stripe };

/** The one Stripe client. Only the API base differs between Stripe and the emulator. */
export function getStripe(): Stripe {
  if (globalForStripe.mastheadStripe) return globalForStripe.mastheadStripe;
  const base = stripeApiBase();
  const url = base ? new URL(base) : null;
  globalForStripe.mastheadStripe = new Stripe(env.STRIPE_SECRET_KEY ?? EMULATOR_KEY, {
    timeout: env.STRIPE_TIMEOUT_MS,
    maxNetworkRetries: 2,
    appInfo: { name: "Masthead" },
    ...(url && {
      host: url.hostname,
      port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
      protocol: url.protocol === "https:" ? "https" : "http",
    }),
  });
  return globalForStripe.mastheadStripe;
}

/** Stripe object fields hold either an id or an expanded object. */
export const idOf = (value: string | { id: string } | null | undefined): string | null =>
  value == null ? null : typeof value === "string" ? value : value.id;

/**
 * Whether `error` is a Stripe error of this type (and code). Compares by the SDK's `type` field, not
 * `instanceof`: Next.js may bundle the SDK into more than one server chunk, and an error thrown by
 * the client one route created is not an instance of another chunk's error class.
 */
export function isStripeError(error: unknown, type: string, code?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { type?: unknown; code?: unknown };
  return e.type === type && (code === undefined || e.code === code);
}
