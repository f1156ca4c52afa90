import type Stripe from "stripe";
import { applySubscriptionState, recordSubscriptionChange, upsertSupporter, type Ledger, type SubscriptionChangeKind } from "@/db/donations";
import { idOf } from "../client";
import { fromUnix, subscriptionState } from "./gift-metadata";

type SubscriptionEvent = Stripe.CustomerSubscriptionCreatedEvent | Stripe.CustomerSubscriptionUpdatedEvent | Stripe.CustomerSubscriptionDeletedEvent;

type Terms = { amount: number; interval: string | null };
const termsOf = (items: { data?: { price?: { unit_amount?: number | null; recurring?: { interval?: string } | null }; quantity?: number }[] } | undefined): Terms | null => {
  const item = items?.data?.[0];
  return item?.price ? { amount: (item.price.unit_amount ?? 0) * (item.quantity ?? 1), interval: item.price.recurring?.interval ?? null } : null;
};

/** What an `updated` event changed that staff follow: a pause or resume, a new amount or frequency. */
function changesIn(event: Stripe.CustomerSubscriptionUpdatedEvent): { kind: SubscriptionChangeKind; detail: Record<string, unknown> }[] {
  const sub = event.data.object;
  const previous = (event.data.previous_attributes ?? {}) as Partial<Stripe.Subscription>;
  const found: { kind: SubscriptionChangeKind; detail: Record<string, unknown> }[] = [];
  if ("pause_collection" in previous) {
    found.push(sub.pause_collection ? { kind: "paused", detail: { resumesAt: fromUnix(sub.pause_collection.resumes_at)?.toISOString() ?? null } } : { kind: "resumed", detail: {} });
  }
  const before = "items" in previous ? termsOf(previous.items as never) : null;
  const after = termsOf(sub.items);
  if (before && after) {
    if (before.interval !== after.interval) found.push({ kind: "frequency_changed", detail: { from: before, to: after, currency: sub.currency } });
    else if (before.amount !== after.amount) found.push({ kind: "amount_changed", detail: { from: before.amount, to: after.amount, currency: sub.currency } });
  }
  return found;
}

/** created / updated / deleted all carry the whole subscription: apply it unless newer state is already in. */
export async function handleCustomerSubscriptionChanged(event: SubscriptionEvent, ledger: Ledger): Promise<void> {
  const sub = event.data.object;
  const at = fromUnix(event.created)!;
  const customer = idOf(sub.customer);
  if (customer) await upsertSupporter(ledger, { stripeCustomerId: customer, email: null, name: null, at });
  const state = subscriptionState(sub);
  await applySubscriptionState(ledger, event.type === "customer.subscription.deleted" ? { ...state, status: "canceled" } : state, at);
  if (event.type === "customer.subscription.updated") {
    for (const change of changesIn(event)) await recordSubscriptionChange(ledger, { stripeEventId: event.id, stripeSubscriptionId: sub.id, changedAt: at, ...change });
  }
}
