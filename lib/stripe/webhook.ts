import type Stripe from "stripe";
import { processEventOnce, type Ledger } from "@/db/donations";
import { eventHandlers } from "./events";

export type EventOutcome = "processed" | "duplicate" | "reapplied" | "ignored";

/**
 * Dispatches one verified event to its handler, exactly once. Throws when the ledger could not be
 * written. Reconciliation passes `reapply` to restore a row deleted after its event was processed.
 */
export async function handleStripeEvent(event: Stripe.Event, options: { reapply?: boolean } = {}): Promise<EventOutcome> {
  const handler = eventHandlers[event.type] as ((e: Stripe.Event, ledger: Ledger) => Promise<void>) | undefined;
  if (!handler) return "ignored";
  return processEventOnce({ id: event.id, type: event.type, created: new Date(event.created * 1000) }, (ledger) => handler(event, ledger), options);
}
