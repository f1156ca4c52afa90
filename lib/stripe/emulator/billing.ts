import { invalidRequest, resourceMissing } from "./errors";
import { emit, type EmitContext } from "./events";
import { newId, nowSeconds } from "./ids";
import { addInterval, formatAmount } from "./money";
import { checkRecurring, getProduct } from "./catalog";
import { checkCurrency } from "./validate";
import { buildCharge, buildDispute, buildInvoice, buildPaymentIntent, buildPaymentMethod, buildPrice, buildRefund, buildSubscription, cardInfo, invoicePayments, planFromPrice } from "./objects";
import { snapshot } from "./store";
import { applyMetadata } from "./params";
import type { EmulatorState } from "./state";
import type {
  ChargeRecord,
  CheckoutLineItemRecord,
  DisputeRecord,
  InvoiceRecord,
  Metadata,
  PaymentIntentRecord,
  PaymentMethodRecord,
  RefundRecord,
  SubscriptionItemRecord,
  SubscriptionRecord,
  SubscriptionStatus,
  Interval,
} from "./types";

export function getSubscription(state: EmulatorState, id: string): SubscriptionRecord {
  const subscription = state.store.subscriptions.get(id);
  if (!subscription) throw resourceMissing("subscription", id);
  return subscription;
}

export function getCharge(state: EmulatorState, id: string, param = "id", status = 404): ChargeRecord {
  const charge = state.store.charges.get(id);
  if (!charge) throw resourceMissing("charge", id, param, status);
  return charge;
}

function firstItem(subscription: SubscriptionRecord): SubscriptionItemRecord {
  const item = subscription.items.data[0];
  if (!item) throw new Error(`subscription ${subscription.id} has no items`);
  return item;
}

function lineDescription(state: EmulatorState, item: SubscriptionItemRecord): string {
  const name = state.store.products.get(item.price.product)?.name ?? item.price.product;
  const interval = item.price.recurring?.interval ?? "month";
  const count = item.price.recurring?.interval_count ?? 1;
  const per = count === 1 ? interval : `${count} ${interval}s`;
  return `${item.quantity} × ${name} (at ${formatAmount(item.price.unit_amount, item.price.currency)} / ${per})`;
}

/** A draft invoice for the subscription's current items; emits `invoice.created`. */
function draftInvoice(
  state: EmulatorState,
  subscription: SubscriptionRecord,
  reason: InvoiceRecord["billing_reason"],
  period: { start: number; end: number },
  ctx: EmitContext,
  id = newId("in"),
): InvoiceRecord {
  const customer = state.store.customers.get(subscription.customer);
  const invoice = buildInvoice({ id, subscription, customer, reason, period, describe: (item) => lineDescription(state, item) });
  state.store.invoices.set(id, invoice);
  emit(state.store, ctx, "invoice.created", invoice);
  return invoice;
}

function finalizeInvoice(state: EmulatorState, invoice: InvoiceRecord, ctx: EmitContext): void {
  const customer = state.store.customers.get(invoice.customer);
  const sequence = customer ? customer.next_invoice_sequence++ : ++state.store.invoiceCounter;
  const now = nowSeconds();
  invoice.status = "open";
  invoice.number = `${customer?.invoice_prefix ?? "EMULATOR"}-${String(sequence).padStart(4, "0")}`;
  invoice.status_transitions.finalized_at = now;
  invoice.effective_at = now;
  invoice.ending_balance = 0;
  emit(state.store, ctx, "invoice.finalized", invoice);
}

function invoicePaymentIntent(state: EmulatorState, invoice: InvoiceRecord, paymentMethod: PaymentMethodRecord): PaymentIntentRecord {
  const pi = buildPaymentIntent({
    amount: invoice.amount_due,
    currency: invoice.currency,
    customer: invoice.customer,
    description: invoice.billing_reason === "subscription_create" ? "Subscription creation" : "Subscription update",
    metadata: {},
    receiptEmail: null,
    statementDescriptorSuffix: null,
    paymentMethod: paymentMethod.id,
  });
  state.store.paymentIntents.set(pi.id, pi);
  invoice.attempted = true;
  invoice.attempt_count += 1;
  return pi;
}

/** Charges the invoice: `payment_intent.succeeded`, `charge.succeeded`, `invoice.paid`, `invoice.payment_succeeded`. */
function payInvoice(state: EmulatorState, invoice: InvoiceRecord, paymentMethod: PaymentMethodRecord, ctx: EmitContext): ChargeRecord {
  const { store } = state;
  const pi = invoicePaymentIntent(state, invoice, paymentMethod);
  const charge = buildCharge({ paymentIntent: pi, paymentMethod, email: invoice.customer_email, invoice: invoice.id, publicUrl: state.publicUrl });
  store.charges.set(charge.id, charge);
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  pi.latest_charge = charge.id;
  emit(store, ctx, "payment_intent.succeeded", pi);
  emit(store, ctx, "charge.succeeded", charge);
  const paidAt = nowSeconds();
  invoice.status = "paid";
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = paidAt;
  invoice.payments = invoicePayments(invoice, pi.id, paidAt);
  emit(store, ctx, "invoice.paid", invoice);
  emit(store, ctx, "invoice.payment_succeeded", invoice);
  return charge;
}

function failInvoice(state: EmulatorState, invoice: InvoiceRecord, paymentMethod: PaymentMethodRecord, ctx: EmitContext): void {
  const pi = invoicePaymentIntent(state, invoice, paymentMethod);
  pi.last_payment_error = { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };
  invoice.next_payment_attempt = nowSeconds() + 3 * 24 * 60 * 60;
  invoice.payments = invoicePayments(invoice, pi.id, null);
  emit(state.store, ctx, "payment_intent.payment_failed", pi);
  emit(state.store, ctx, "invoice.payment_failed", invoice);
}

/**
 * The subscription half of a subscription-mode checkout: `customer.subscription.created`,
 * `invoice.created`, `invoice.finalized`, then the payment events of `payInvoice`.
 */
export function startSubscription(
  state: EmulatorState,
  input: {
    customerId: string;
    email: string;
    lineItems: CheckoutLineItemRecord[];
    metadata: Metadata;
    description: string | null;
    paymentMethod: PaymentMethodRecord;
    ctx: EmitContext;
  },
): { subscription: SubscriptionRecord; invoice: InvoiceRecord; charge: ChargeRecord } {
  const { store } = state;
  const now = nowSeconds();
  const id = newId("sub");
  const invoiceId = newId("in");
  const subscription = buildSubscription({ id, invoiceId, customerId: input.customerId, lineItems: input.lineItems, metadata: input.metadata, description: input.description, paymentMethod: input.paymentMethod.id });
  store.subscriptions.set(id, subscription);
  const customer = store.customers.get(input.customerId);
  if (customer) customer.invoice_settings.default_payment_method = input.paymentMethod.id;
  emit(store, input.ctx, "customer.subscription.created", subscription);
  const invoice = draftInvoice(state, subscription, "subscription_create", { start: now, end: now }, input.ctx, invoiceId);
  finalizeInvoice(state, invoice, input.ctx);
  const charge = payInvoice(state, invoice, input.paymentMethod, input.ctx);
  return { subscription, invoice, charge };
}

function subscriptionPaymentMethod(state: EmulatorState, subscription: SubscriptionRecord): PaymentMethodRecord {
  const existing = subscription.default_payment_method ? state.store.paymentMethods.get(subscription.default_payment_method) : undefined;
  if (existing) return existing;
  const customer = state.store.customers.get(subscription.customer);
  const created = buildPaymentMethod(cardInfo("4242424242424242"), customer?.email ?? null, subscription.customer);
  state.store.paymentMethods.set(created.id, created);
  return created;
}

function setStatus(state: EmulatorState, subscription: SubscriptionRecord, status: SubscriptionStatus, ctx: EmitContext): void {
  if (subscription.status === status) return;
  const previous = subscription.status;
  subscription.status = status;
  emit(state.store, ctx, "customer.subscription.updated", subscription, { status: previous });
}

/**
 * Simulates the end of the current period. A subscription set to cancel at period end
 * ends (`customer.subscription.deleted`); otherwise a new period starts with a cycle invoice
 * that is paid, or, with `fail`, fails and leaves the subscription `past_due`.
 */
export function renewSubscription(state: EmulatorState, subscription: SubscriptionRecord, fail: boolean, ctx: EmitContext): InvoiceRecord | null {
  if (subscription.status === "canceled") {
    throw invalidRequest(`Subscription ${subscription.id} is canceled and cannot be renewed.`, { param: "id" });
  }
  const first = firstItem(subscription);
  const previousPeriod = { start: first.current_period_start, end: first.current_period_end };
  if (subscription.cancel_at_period_end) {
    endSubscription(state, subscription, previousPeriod.end, ctx);
    return null;
  }
  for (const item of subscription.items.data) {
    const recurring = item.price.recurring ?? { interval: "month" as const, interval_count: 1 };
    item.current_period_start = item.current_period_end;
    item.current_period_end = addInterval(item.current_period_start, recurring.interval, recurring.interval_count);
  }
  // A pause that has run its course ends as the new period starts, and this period is billed.
  const pause = subscription.pause_collection;
  if (pause?.resumes_at != null && pause.resumes_at <= first.current_period_start) {
    subscription.pause_collection = null;
    emit(state.store, ctx, "customer.subscription.updated", subscription, { pause_collection: pause });
  }
  const invoice = draftInvoice(state, subscription, "subscription_cycle", previousPeriod, ctx);
  subscription.latest_invoice = invoice.id;
  if (subscription.pause_collection?.behavior === "void") {
    // Paused collection, behavior "void": the period's invoice is made and voided, nothing is charged.
    invoice.status = "void";
    emit(state.store, ctx, "invoice.voided", invoice);
    return invoice;
  }
  finalizeInvoice(state, invoice, ctx);
  const paymentMethod = subscriptionPaymentMethod(state, subscription);
  if (fail) {
    failInvoice(state, invoice, paymentMethod, ctx);
    setStatus(state, subscription, "past_due", ctx);
  } else {
    payInvoice(state, invoice, paymentMethod, ctx);
    setStatus(state, subscription, "active", ctx);
  }
  return invoice;
}

/**
 * The billing portal's "Update payment method": the card becomes the customer's and their
 * subscriptions' default, and, as Stripe does, a past_due subscription's open invoice is paid with
 * it at once (a recovery). Emits `payment_method.attached` and `customer.updated` first.
 */
export function updateDefaultCard(state: EmulatorState, customerId: string, cardDigits: string, ctx: EmitContext): void {
  const { store } = state;
  const customer = store.customers.get(customerId);
  if (!customer) throw resourceMissing("customer", customerId);
  const paymentMethod = buildPaymentMethod(cardInfo(cardDigits), customer.email, customerId);
  store.paymentMethods.set(paymentMethod.id, paymentMethod);
  emit(store, ctx, "payment_method.attached", paymentMethod);
  const previous = { invoice_settings: { ...customer.invoice_settings } };
  customer.invoice_settings.default_payment_method = paymentMethod.id;
  emit(store, ctx, "customer.updated", customer, previous);
  for (const subscription of store.subscriptions.values()) {
    if (subscription.customer !== customerId || subscription.status === "canceled") continue;
    subscription.default_payment_method = paymentMethod.id;
    const open = subscription.latest_invoice ? store.invoices.get(subscription.latest_invoice) : undefined;
    if (subscription.status === "past_due" && open?.status === "open") retryInvoice(state, open, false, ctx);
  }
}

/**
 * Stripe's retry of an open invoice (smart retries, or the supporter's new card): pays it with the
 * subscription's card, or fails again; a paid retry makes a past_due subscription active again.
 */
export function retryInvoice(state: EmulatorState, invoice: InvoiceRecord, fail: boolean, ctx: EmitContext): InvoiceRecord {
  if (invoice.status !== "open") throw invalidRequest(`Invoice ${invoice.id} is ${invoice.status}; only open invoices are retried.`, { param: "id" });
  const subscription = getSubscription(state, invoice.parent.subscription_details.subscription);
  const paymentMethod = subscriptionPaymentMethod(state, subscription);
  if (fail) {
    failInvoice(state, invoice, paymentMethod, ctx);
    return invoice;
  }
  payInvoice(state, invoice, paymentMethod, ctx);
  if (subscription.status === "past_due") setStatus(state, subscription, "active", ctx);
  return invoice;
}

function endSubscription(state: EmulatorState, subscription: SubscriptionRecord, endedAt: number, ctx: EmitContext): void {
  subscription.status = "canceled";
  subscription.canceled_at ??= endedAt;
  subscription.ended_at = endedAt;
  subscription.cancellation_details.reason ??= "cancellation_requested";
  emit(state.store, ctx, "customer.subscription.deleted", subscription);
}

export function cancelSubscriptionNow(state: EmulatorState, subscription: SubscriptionRecord, ctx: EmitContext): void {
  if (subscription.status === "canceled") {
    throw invalidRequest(`Subscription ${subscription.id} has already been canceled.`, { param: "id" });
  }
  const now = nowSeconds();
  subscription.canceled_at = now;
  endSubscription(state, subscription, now, ctx);
}

export function setCancelAtPeriodEnd(state: EmulatorState, subscription: SubscriptionRecord, value: boolean, ctx: EmitContext): void {
  updateSubscription(state, subscription, { cancelAtPeriodEnd: value }, ctx);
}

type SubscriptionChanges = {
  cancelAtPeriodEnd?: boolean | undefined;
  metadata?: Record<string, string> | null | undefined;
  description?: string | null | undefined;
  comment?: string | null | undefined;
  feedback?: SubscriptionRecord["cancellation_details"]["feedback"] | undefined;
  pauseCollection?: SubscriptionRecord["pause_collection"] | undefined;
  items?: ItemChange[] | undefined;
};

type ItemChange = {
  id?: string | undefined;
  price_data?: { currency: string; product: string; unit_amount: number; recurring: { interval: Interval; interval_count?: number | undefined } } | undefined;
  quantity?: number | undefined;
};

/**
 * A new price for a subscription item, as Stripe does with `items[0][price_data]` and no proration:
 * the amount applies from the next invoice; a new interval restarts the period today and invoices it
 * at once (Stripe resets the billing cycle anchor when the interval changes).
 */
function changeItems(state: EmulatorState, subscription: SubscriptionRecord, changes: ItemChange[]): { previousItems: unknown; restartPeriod: boolean } | null {
  if (changes.length === 0) return null;
  if (subscription.status === "canceled") throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", { param: "items" });
  const before = JSON.parse(JSON.stringify(subscription.items)) as unknown;
  let restartPeriod = false;
  changes.forEach((change, i) => {
    const item = change.id === undefined ? undefined : subscription.items.data.find((it) => it.id === change.id);
    if (!item) throw invalidRequest(`Invalid subscription item: ${change.id ?? "(none)"}. Adding items is not emulated.`, { param: `items[${i}][id]` });
    if (change.price_data) {
      const data = change.price_data;
      const currency = checkCurrency(data.currency, `items[${i}][price_data][currency]`);
      if (currency !== item.price.currency) throw invalidRequest("The currency of a subscription cannot be changed.", { param: `items[${i}][price_data][currency]` });
      const count = data.recurring.interval_count ?? 1;
      checkRecurring(data.recurring.interval, count, `items[${i}][price_data][recurring]`);
      const product = getProduct(state, data.product, `items[${i}][price_data][product]`, 400);
      const price = buildPrice({ product: product.id, currency, unitAmount: data.unit_amount, recurring: { interval: data.recurring.interval, intervalCount: count }, active: false });
      state.store.prices.set(price.id, price);
      const old = item.price.recurring;
      if (!old || old.interval !== data.recurring.interval || old.interval_count !== count) restartPeriod = true;
      item.price = snapshot(price);
      item.plan = planFromPrice(price);
    }
    if (change.quantity !== undefined) item.quantity = change.quantity;
  });
  return { previousItems: before, restartPeriod };
}

/** Applies changes; emits `customer.subscription.updated` with `previous_attributes` when anything changed. */
export function updateSubscription(state: EmulatorState, subscription: SubscriptionRecord, changes: SubscriptionChanges, ctx: EmitContext): void {
  const previous: Record<string, unknown> = {};
  const details = subscription.cancellation_details;
  const previousDetails: Record<string, unknown> = {};
  if (changes.cancelAtPeriodEnd !== undefined && changes.cancelAtPeriodEnd !== subscription.cancel_at_period_end) {
    if (subscription.status === "canceled") {
      throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", { param: "cancel_at_period_end" });
    }
    previous.cancel_at_period_end = subscription.cancel_at_period_end;
    previous.cancel_at = subscription.cancel_at;
    previous.canceled_at = subscription.canceled_at;
    previousDetails.reason = details.reason;
    subscription.cancel_at_period_end = changes.cancelAtPeriodEnd;
    if (changes.cancelAtPeriodEnd) {
      subscription.cancel_at = firstItem(subscription).current_period_end;
      subscription.canceled_at = nowSeconds();
      details.reason = "cancellation_requested";
    } else {
      subscription.cancel_at = null;
      subscription.canceled_at = null;
      details.reason = null;
    }
  }
  if (changes.metadata !== undefined) {
    const next = applyMetadata(subscription.metadata, changes.metadata);
    if (JSON.stringify(next) !== JSON.stringify(subscription.metadata)) {
      previous.metadata = subscription.metadata;
      subscription.metadata = next;
    }
  }
  if (changes.description !== undefined && changes.description !== subscription.description) {
    if (subscription.status === "canceled") {
      throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", { param: "description" });
    }
    previous.description = subscription.description;
    subscription.description = changes.description;
  }
  if (changes.comment !== undefined && changes.comment !== details.comment) {
    previousDetails.comment = details.comment;
    details.comment = changes.comment;
  }
  if (changes.feedback !== undefined && changes.feedback !== details.feedback) {
    previousDetails.feedback = details.feedback;
    details.feedback = changes.feedback;
  }
  if (changes.pauseCollection !== undefined && JSON.stringify(changes.pauseCollection) !== JSON.stringify(subscription.pause_collection)) {
    if (subscription.status === "canceled") throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.", { param: "pause_collection" });
    previous.pause_collection = subscription.pause_collection;
    subscription.pause_collection = changes.pauseCollection;
  }
  const itemChange = changes.items ? changeItems(state, subscription, changes.items) : null;
  if (itemChange) {
    previous.items = itemChange.previousItems;
    if (itemChange.restartPeriod) {
      const now = nowSeconds();
      for (const item of subscription.items.data) {
        const recurring = item.price.recurring ?? { interval: "month" as const, interval_count: 1 };
        item.current_period_start = now;
        item.current_period_end = addInterval(now, recurring.interval, recurring.interval_count);
      }
      previous.billing_cycle_anchor = subscription.billing_cycle_anchor;
      subscription.billing_cycle_anchor = now;
    }
  }
  if (Object.keys(previousDetails).length > 0) previous.cancellation_details = previousDetails;
  if (Object.keys(previous).length > 0) emit(state.store, ctx, "customer.subscription.updated", subscription, previous);
  if (itemChange?.restartPeriod) {
    const first = firstItem(subscription);
    const invoice = draftInvoice(state, subscription, "subscription_update", { start: first.current_period_start, end: first.current_period_end }, ctx);
    subscription.latest_invoice = invoice.id;
    finalizeInvoice(state, invoice, ctx);
    payInvoice(state, invoice, subscriptionPaymentMethod(state, subscription), ctx);
  }
}

export function createRefund(
  state: EmulatorState,
  input: { chargeId?: string | undefined; paymentIntentId?: string | undefined; amount?: number | undefined; reason?: RefundRecord["reason"] | undefined; metadata?: Metadata | undefined },
  ctx: EmitContext,
): RefundRecord {
  const { store } = state;
  let charge: ChargeRecord;
  if (input.chargeId !== undefined) {
    charge = getCharge(state, input.chargeId, "charge", 400);
    if (input.paymentIntentId !== undefined && charge.payment_intent !== input.paymentIntentId) {
      throw invalidRequest(`The charge ${charge.id} does not belong to the payment_intent ${input.paymentIntentId}.`, { param: "payment_intent" });
    }
  } else if (input.paymentIntentId !== undefined) {
    const pi = store.paymentIntents.get(input.paymentIntentId);
    if (!pi) throw resourceMissing("payment_intent", input.paymentIntentId, "payment_intent", 400);
    const latest = pi.latest_charge ? store.charges.get(pi.latest_charge) : undefined;
    if (!latest || pi.status !== "succeeded") {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { param: "payment_intent", code: "charge_not_refundable" });
    }
    charge = latest;
  } else {
    throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", { code: "parameter_missing" });
  }
  if (charge.disputed) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { param: "charge", code: "charge_disputed" });
  }
  const remaining = charge.amount - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { param: "charge", code: "charge_already_refunded" });
  }
  const amount = input.amount ?? remaining;
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      { param: "amount", code: "amount_too_large" },
    );
  }
  const refund = buildRefund(charge, amount, input.reason ?? null, input.metadata);
  store.refunds.set(refund.id, refund);
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount;
  emit(store, ctx, "charge.refunded", charge, previous);
  emit(store, ctx, "refund.created", refund);
  return refund;
}

export function createDispute(state: EmulatorState, charge: ChargeRecord, reason: string, ctx: EmitContext): DisputeRecord {
  if (charge.disputed) throw invalidRequest(`Charge ${charge.id} is already disputed.`, { param: "charge" });
  const dispute = buildDispute(charge, reason);
  state.store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  emit(state.store, ctx, "charge.dispute.created", dispute);
  return dispute;
}
