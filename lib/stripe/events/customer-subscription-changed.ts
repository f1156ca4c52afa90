import type Stripe from "stripe";
import { applySubscriptionState, upsertSupporter, type Ledger } from "@/db/donations";
import { idOf } from "../client";
import { fromUnix, subscriptionState } from "./gift-metadata";

type SubscriptionEvent = Stripe.CustomerSubscriptionCreatedEvent | Stripe.CustomerSubscriptionUpdatedEvent | Stripe.CustomerSubscriptionDeletedEvent;

/** created / updated / deleted all carry the whole subscription: apply it unless newer state is already in. */
export async function handleCustomerSubscriptionChanged(event: SubscriptionEvent, ledger: Ledger): Promise<void> {
  const sub = event.data.object;
  const at = fromUnix(event.created)!;
  const customer = idOf(sub.customer);
  if (customer) await upsertSupporter(ledger, { stripeCustomerId: customer, email: null, name: null, at });
  const state = subscriptionState(sub);
  await applySubscriptionState(ledger, event.type === "customer.subscription.deleted" ? { ...state, status: "canceled" } : state, at);
}
