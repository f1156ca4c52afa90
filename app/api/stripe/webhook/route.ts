import { logEvent } from "@/lib/log";
import type Stripe from "stripe";
import { getStripe, getWebhookSecret, isStripeError } from "@/lib/stripe/client";
import { readBodyWithin, REQUEST_LIMITS } from "@/lib/site/request-limits";
import { handleStripeEvent } from "@/lib/stripe/webhook";

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/** Verify, dedupe, dispatch. Only answers 2xx once the ledger holds the event (or it needs nothing). */
export async function POST(request: Request) {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > REQUEST_LIMITS.webhookBytes) return answer(413, { error: "payload too large" });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return answer(400, { error: "missing Stripe-Signature header" });
  // proxy.ts refuses bodies without a length; this holds even where it does not run.
  const body = await readBodyWithin(request, REQUEST_LIMITS.webhookBytes);
  if (body === null) return answer(413, { error: "payload too large" });

  let event: Stripe.Event;
  try {
    event = getStripe().webhooks.constructEvent(body, signature, getWebhookSecret());
  } catch (error) {
    const reason = isStripeError(error, "StripeSignatureVerificationError") ? "signature verification failed" : "invalid payload";
    logEvent("warn", "webhook.refused", { reason, error });
    return answer(400, { error: reason });
  }

  try {
    const outcome = await handleStripeEvent(event);
    return answer(200, { received: true, outcome });
  } catch (error) {
    // Non-2xx makes Stripe retry; the transaction left nothing half-written.
    logEvent("error", "webhook.failed", { eventId: event.id, type: event.type, error });
    return answer(500, { error: "could not record the event; Stripe will retry" });
  }
}
