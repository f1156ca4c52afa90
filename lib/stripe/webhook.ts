import type Stripe from "stripe";
import { processEventOnce, type Ledger } from "@/db/donations";
import { eventHandlers } from "./events";

export type EventOutcome = "processed" | "duplicate" | "ignored";

/** Dispatches one verified event to its handler, exactly once. Throws when the ledger could not be written. */
export async function handleStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  const handler = eventHandlers[event.type] as ((e: Stripe.Event, ledger: Ledger) => Promise<void>) | undefined;
  if (!handler) return "ignored";
  return processEventOnce({ id: event.id, type: event.type, created: new Date(event.created * 1000) }, (ledger) => handler(event, ledger));
}
