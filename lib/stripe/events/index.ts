import type Stripe from "stripe";
import type { Ledger } from "@/db/donations";
import { handleChargeDisputeCreated } from "./charge-dispute-created";
import { handleChargeRefunded } from "./charge-refunded";
import { handleChargeSucceeded } from "./charge-succeeded";
import { handleCheckoutSessionCompleted } from "./checkout-session-completed";
import { handleCustomerSubscriptionChanged } from "./customer-subscription-changed";
import { handleInvoicePaid } from "./invoice-paid";
import { handleInvoicePaymentFailed } from "./invoice-payment-failed";
import { handlePaymentIntentPaymentFailed } from "./payment-intent-payment-failed";

type Handler<T extends Stripe.Event["type"]> = (event: Extract<Stripe.Event, { type: T }>, ledger: Ledger) => Promise<void>;
type HandlerMap = { [T in Stripe.Event["type"]]?: Handler<T> };

const noLedgerChange = async () => {};

/** One typed handler per event we act on; every other event type is acknowledged and ignored. */
export const eventHandlers: HandlerMap = {
  "checkout.session.completed": handleCheckoutSessionCompleted,
  "checkout.session.async_payment_succeeded": handleCheckoutSessionCompleted,
  // Nothing was paid, so there is nothing to write beyond noting the event was seen.
  "checkout.session.async_payment_failed": noLedgerChange,
  "invoice.paid": handleInvoicePaid,
  "invoice.payment_failed": handleInvoicePaymentFailed,
  "payment_intent.payment_failed": handlePaymentIntentPaymentFailed,
  "customer.subscription.created": handleCustomerSubscriptionChanged,
  "customer.subscription.updated": handleCustomerSubscriptionChanged,
  "customer.subscription.deleted": handleCustomerSubscriptionChanged,
  "charge.succeeded": handleChargeSucceeded,
  "charge.refunded": handleChargeRefunded,
  "charge.dispute.created": handleChargeDisputeCreated,
};

export const HANDLED_EVENT_TYPES = Object.keys(eventHandlers) as Stripe.Event["type"][];
