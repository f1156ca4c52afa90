import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { isCheckoutSessionId } from "./ids";
import type Stripe from "stripe";
import { frequencySuffix, PLACEMENT_LABELS, PRODUCTS, type Frequency } from "@/lib/donations/config";
import type { Gift } from "@/lib/donations/gift";
import { env } from "@/lib/env";
import { formatMoney, isCurrency, type Currency } from "@/lib/money";
import { getStripe, idOf, isStripeError } from "./client";

/** Stripe could not be reached, timed out or failed: the reader may retry; nothing was recorded. */
/**
 * Only what says Stripe itself could not be reached or answered badly (connection, API, rate limit)
 * becomes `provider_unavailable`; a bug in our own code stays what it is.
 */
export function asProviderError(error: unknown): unknown {
  const type = typeof error === "object" && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === "StripeConnectionError" || type === "StripeAPIError" || type === "StripeRateLimitError") {
    return new AppError("provider_unavailable", error instanceof Error ? error.message : String(type), { cause: error });
  }
  return error;
}


export function giftMetadata(gift: Gift): Stripe.MetadataParam {
  return {
    frequency: gift.frequency,
    amount: String(gift.amount),
    fee_amount: String(gift.feeAmount),
    total: String(gift.total),
    currency: gift.currency,
    cover_fees: String(gift.coverFees),
    placement: gift.placement,
    source_path: gift.sourcePath,
    source_slug: gift.sourceSlug ?? "",
    campaign: gift.campaign ?? "",
    reminder_id: gift.reminderId === null ? "" : String(gift.reminderId),
  };
}

export function giftDescription(gift: Gift): string {
  const total = formatMoney(gift.total, gift.currency);
  const fees = gift.coverFees ? ` (incl. ${formatMoney(gift.feeAmount, gift.currency)} card fees)` : "";
  const from = gift.sourceSlug ? `article "${gift.sourceSlug}"` : gift.sourcePath;
  return `${PRODUCTS[gift.frequency].name}: ${total}${frequencySuffix[gift.frequency]}${fees}, via the ${PLACEMENT_LABELS[gift.placement]} on ${from}`;
}

/** The Checkout Session for a gift: payment mode for once, subscription mode for monthly and annual. */
export function buildCheckoutSessionParams(gift: Gift, siteUrl = env.SITE_URL): Stripe.Checkout.SessionCreateParams {
  const metadata = giftMetadata(gift);
  const description = giftDescription(gift);
  const common = {
    success_url: `${siteUrl}/support/thank-you?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${siteUrl}${gift.sourcePath}${gift.placement === "inline" ? "#support" : ""}`,
    metadata,
    billing_address_collection: "auto" as const,
    locale: "auto" as const,
  };
  const product = PRODUCTS[gift.frequency].id;
  if (gift.frequency === "once") {
    return {
      ...common,
      mode: "payment",
      submit_type: "donate",
      customer_creation: "always",
      line_items: [{ quantity: 1, price_data: { currency: gift.currency, unit_amount: gift.total, product } }],
      payment_intent_data: { metadata, description, statement_descriptor_suffix: "GIFT" },
    };
  }
  return {
    ...common,
    mode: "subscription",
    line_items: [
      {
        quantity: 1,
        price_data: { currency: gift.currency, unit_amount: gift.total, product, recurring: { interval: gift.frequency === "monthly" ? "month" : "year" } },
      },
    ],
    subscription_data: { metadata, description },
  };
}

const ensured = new Set<string>();

/** One Stripe Product per frequency, found by its fixed id or created once, so the dashboard stays tidy. */
export async function ensureProduct(frequency: Frequency): Promise<string> {
  const { id, name, description } = PRODUCTS[frequency];
  if (ensured.has(id)) return id;
  const stripe = getStripe();
  try {
    await stripe.products.retrieve(id);
  } catch (error) {
    if (!isStripeError(error, "StripeInvalidRequestError", "resource_missing")) throw error;
    try {
      await stripe.products.create({ id, name, description, metadata: { masthead: "gift-product", frequency } });
    } catch (createError) {
      // Another instance created it between our retrieve and create.
      if (!isStripeError(createError, "StripeInvalidRequestError", "resource_already_exists")) throw createError;
    }
  }
  ensured.add(id);
  return id;
}

/**
 * Creates the Checkout Session and returns its URL. The idempotency key is the form's key plus the
 * gift itself, so a double click or a retry makes one session while a changed amount makes a new one.
 */
export async function createCheckoutSession(gift: Gift, { idempotencyKey, siteUrl }: { idempotencyKey: string; siteUrl?: string }): Promise<string> {
  const params = buildCheckoutSessionParams(gift, siteUrl);
  const key = `${idempotencyKey}-${createHash("sha256").update(JSON.stringify(params)).digest("hex").slice(0, 16)}`;
  try {
    await ensureProduct(gift.frequency);
    const stripe = getStripe();
    let session = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    // The same gift sent again after the first was paid (or expired) is a new gift, not a double click.
    if (session.status !== "open") session = await stripe.checkout.sessions.create(params, { idempotencyKey: `${key}-after-${session.id}` });
    if (!session.url) throw new AppError("internal", `Stripe returned Checkout Session ${session.id} without a URL`);
    return session.url;
  } catch (error) {
    throw asProviderError(error);
  }
}

/** How long after a checkout its thank-you page may open the billing page. */
export const THANK_YOU_PORTAL_WINDOW_MS = 60 * 60_000;

export type CheckoutSummary = {
  status: "paid" | "processing" | "unpaid";
  frequency: Frequency;
  amount: number;
  currency: Currency;
  email: string | null;
  recurring: boolean;
};

/** What the thank-you page shows, read from Stripe; null for an unknown session. Writes nothing. */
export async function getCheckoutSummary(sessionId: string): Promise<CheckoutSummary | null> {
  if (!isCheckoutSessionId(sessionId)) return null;
  let session: Stripe.Checkout.Session;
  try {
    session = await getStripe().checkout.sessions.retrieve(sessionId);
  } catch (error) {
    if (isStripeError(error, "StripeInvalidRequestError", "resource_missing")) return null;
    throw asProviderError(error);
  }
  const frequency = (["once", "monthly", "annual"] as const).find((f) => f === session.metadata?.frequency) ?? (session.mode === "subscription" ? "monthly" : "once");
  const currency = session.currency && isCurrency(session.currency) ? session.currency : "usd";
  return {
    status: session.payment_status === "paid" || session.payment_status === "no_payment_required" ? "paid" : session.status === "complete" ? "processing" : "unpaid",
    frequency,
    amount: session.amount_total ?? 0,
    currency,
    email: session.customer_details?.email ?? null,
    recurring: session.mode === "subscription",
  };
}

/** A customer-portal session for the customer who paid this checkout, to manage a recurring gift. */
export async function createPortalSessionForCheckout(sessionId: string, siteUrl = env.SITE_URL, now = new Date()): Promise<string | "expired" | null> {
  if (!isCheckoutSessionId(sessionId)) return null;
  try {
    const stripe = getStripe();
    const session = await stripe.checkout.sessions.retrieve(sessionId);
    const customer = idOf(session.customer);
    if (!customer) return null;
    // The thank-you address alone must not open the billing page for ever (a shared or synced
    // browser history): only shortly after giving; later, the e-mailed manage link does it.
    if (now.getTime() - session.created * 1000 > THANK_YOU_PORTAL_WINDOW_MS) return "expired";
    const portal = await stripe.billingPortal.sessions.create({
      customer,
      return_url: `${siteUrl}/support/thank-you?session_id=${encodeURIComponent(sessionId)}`,
    });
    return portal.url;
  } catch (error) {
    if (isStripeError(error, "StripeInvalidRequestError", "resource_missing")) return null;
    throw asProviderError(error);
  }
}

