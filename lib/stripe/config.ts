import { env } from "@/lib/env";

export const EMULATOR_KEY = "sk_test_emulator";

/** No key, or the emulator's own: the app talks to the local Stripe emulator. */
export const usesEmulator = (): boolean => !env.STRIPE_SECRET_KEY || env.STRIPE_SECRET_KEY.startsWith(EMULATOR_KEY);

export function stripeApiBase(): string | null {
  if (env.STRIPE_API_BASE) return env.STRIPE_API_BASE;
  return usesEmulator() ? `http://127.0.0.1:${env.STRIPE_EMULATOR_PORT}` : null;
}
