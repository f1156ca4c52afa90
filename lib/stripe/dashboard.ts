import { env } from "@/lib/env";
import { usesEmulator } from "./client";

export type DashboardKind = "payment" | "customer" | "subscription" | "invoice" | "charge" | "checkout_session" | "dispute";

const PATHS: Record<DashboardKind, string> = {
  payment: "payments",
  // A charge opens its payment's page; Stripe's dashboard resolves ch_ ids there too.
  charge: "payments",
  customer: "customers",
  subscription: "subscriptions",
  invoice: "invoices",
  checkout_session: "checkout/sessions",
  dispute: "disputes",
};

/** Test mode for a test key and for the emulator (its ids resolve nowhere, but the link is the right shape). */
export function stripeLiveMode(key = env.STRIPE_SECRET_KEY): boolean {
  return !usesEmulator() && /^(sk|rk)_live_/.test(key ?? "");
}

/** Where staff open a Stripe object in the Stripe dashboard, in test or live mode as the key is. */
export function stripeDashboardUrl(kind: DashboardKind, id: string, live = stripeLiveMode()): string {
  return `https://dashboard.stripe.com/${live ? "" : "test/"}${PATHS[kind]}/${encodeURIComponent(id)}`;
}
