import { invalidRequest, parameterMissing, resourceMissing } from "./errors";
import { emit, type EmitContext } from "./events";
import { expandObject } from "./expand";
import { newId, nowSeconds, randomToken } from "./ids";
import { addInterval, formatAmount } from "./money";
import { buildCharge, buildPaymentIntent, buildPaymentMethod, cardInfo, planFromPrice } from "./objects";
import { applyMetadata, bool, enumOf, expand, int, listParams, metadata, nullableStr, object, parseParams, rangeFilter, str } from "./params";
import type { EmulatorState, Route } from "./state";
import { inRange, paginate, snapshot } from "./store";
import type {
  ChargeRecord,
  CheckoutLineItemRecord,
  DisputeRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  Metadata,
  PaymentIntentRecord,
  PaymentMethodRecord,
  RefundRecord,
  SubscriptionItemRecord,
  SubscriptionRecord,
  SubscriptionStatus,
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
  const created = nowSeconds();
  const lines: InvoiceLineRecord[] = subscription.items.data.map((item) => ({
    id: `il_${randomToken(24)}`,
    object: "line_item",
    amount: item.price.unit_amount * item.quantity,
    currency: item.price.currency,
    description: lineDescription(state, item),
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: id,
    livemode: false,
    metadata: {},
    parent: {
      type: "subscription_item_details",
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: null,
        proration: false,
        proration_details: { credited_items: null },
        subscription: subscription.id,
        subscription_item: item.id,
      },
    },
    period: { start: item.current_period_start, end: item.current_period_end },
    pretax_credit_amounts: [],
    pricing: { price_details: { price: item.price.id, product: item.price.product }, type: "price_details", unit_amount_decimal: item.price.unit_amount_decimal },
    quantity: item.quantity,
    quantity_decimal: String(item.quantity),
    subscription: subscription.id,
    subtotal: item.price.unit_amount * item.quantity,
    taxes: [],
  }));
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const invoice: InvoiceRecord = {
    id,
    object: "invoice",
    account_country: "US",
    account_name: "Masthead (Stripe emulator)",
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    billing_reason: reason,
    charge: null,
    collection_method: "charge_automatically",
    created,
    currency: subscription.currency,
    customer: subscription.customer,
    customer_email: customer?.email ?? null,
    customer_name: customer?.name ?? null,
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    lines: { object: "list", data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { metadata: { ...subscription.metadata }, subscription: subscription.id },
    },
    payment_intent: null,
    payments: { object: "list", data: [], has_more: false, total_count: 0, url: "/v1/invoice_payments" },
    period_end: period.end,
    period_start: period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "draft",
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_excluding_tax: total,
    webhooks_delivered_at: created,
  };
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
  invoice.payment_intent = pi.id;
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
  invoice.charge = charge.id;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = paidAt;
  invoice.payments = {
    object: "list",
    data: [
      {
        id: `inpay_${randomToken(24)}`,
        object: "invoice_payment",
        amount_paid: invoice.amount_due,
        amount_requested: invoice.amount_due,
        created: paidAt,
        currency: invoice.currency,
        invoice: invoice.id,
        is_default: true,
        livemode: false,
        payment: { type: "payment_intent", payment_intent: pi.id },
        status: "paid",
        status_transitions: { canceled_at: null, paid_at: paidAt },
      },
    ],
    has_more: false,
    total_count: 1,
    url: "/v1/invoice_payments",
  };
  emit(store, ctx, "invoice.paid", invoice);
  emit(store, ctx, "invoice.payment_succeeded", invoice);
  return charge;
}

function failInvoice(state: EmulatorState, invoice: InvoiceRecord, paymentMethod: PaymentMethodRecord, ctx: EmitContext): void {
  const pi = invoicePaymentIntent(state, invoice, paymentMethod);
  pi.last_payment_error = { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };
  invoice.next_payment_attempt = nowSeconds() + 3 * 24 * 60 * 60;
  invoice.payments = {
    object: "list",
    data: [
      {
        id: `inpay_${randomToken(24)}`,
        object: "invoice_payment",
        amount_paid: null,
        amount_requested: invoice.amount_due,
        created: nowSeconds(),
        currency: invoice.currency,
        invoice: invoice.id,
        is_default: true,
        livemode: false,
        payment: { type: "payment_intent", payment_intent: pi.id },
        status: "open",
        status_transitions: { canceled_at: null, paid_at: null },
      },
    ],
    has_more: false,
    total_count: 1,
    url: "/v1/invoice_payments",
  };
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
  const items: SubscriptionItemRecord[] = input.lineItems.map((line) => {
    const recurring = line.price.recurring ?? { interval: "month" as const, interval_count: 1 };
    return {
      id: newId("si"),
      object: "subscription_item",
      billing_thresholds: null,
      created: now,
      current_period_end: addInterval(now, recurring.interval, recurring.interval_count),
      current_period_start: now,
      current_trial: null,
      discounts: [],
      metadata: {},
      plan: planFromPrice(line.price),
      price: snapshot(line.price),
      quantity: line.quantity,
      subscription: id,
      tax_rates: [],
    };
  });
  const subscription: SubscriptionRecord = {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    billing_cycle_anchor: now,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    created: now,
    currency: input.lineItems[0]?.currency ?? "usd",
    customer: input.customerId,
    days_until_due: null,
    default_payment_method: input.paymentMethod.id,
    default_source: null,
    description: input.description,
    discounts: [],
    ended_at: null,
    items: { object: "list", data: items, has_more: false, total_count: items.length, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: invoiceId,
    livemode: false,
    metadata: { ...input.metadata },
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: "active",
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_start: null,
  };
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
  const invoice = draftInvoice(state, subscription, "subscription_cycle", previousPeriod, ctx);
  subscription.latest_invoice = invoice.id;
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
};

/** Applies changes; emits `customer.subscription.updated` with `previous_attributes` when anything changed. */
function updateSubscription(state: EmulatorState, subscription: SubscriptionRecord, changes: SubscriptionChanges, ctx: EmitContext): void {
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
  if (Object.keys(previousDetails).length > 0) previous.cancellation_details = previousDetails;
  if (Object.keys(previous).length > 0) emit(state.store, ctx, "customer.subscription.updated", subscription, previous);
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
  const refund: RefundRecord = {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    metadata: { ...input.metadata },
    payment_intent: charge.payment_intent,
    reason: input.reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
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
  const now = nowSeconds();
  const dispute: DisputeRecord = {
    id: newId("dp"),
    object: "dispute",
    amount: charge.amount - charge.amount_refunded,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    evidence_details: { due_by: now + 7 * 24 * 60 * 60, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: "not_submitted" },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason,
    status: "needs_response",
  };
  state.store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  emit(state.store, ctx, "charge.dispute.created", dispute);
  return dispute;
}

const subscriptionList = object({
  ...listParams,
  customer: str().optional(),
  price: str().optional(),
  status: enumOf(["active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"]).optional(),
  created: rangeFilter,
});

const subscriptionUpdate = object({
  cancel_at_period_end: bool().optional(),
  metadata: metadata().optional(),
  description: nullableStr({ max: 500 }).optional(),
  cancellation_details: object({
    comment: nullableStr({ max: 5000 }).optional(),
    feedback: enumOf(["", "customer_service", "low_quality", "missing_features", "other", "switched_service", "too_complex", "too_expensive", "unused"]).optional(),
  }).optional(),
  proration_behavior: enumOf(["always_invoice", "create_prorations", "none"]).optional(),
  expand,
});

const subscriptionCancel = object({
  invoice_now: bool().optional(),
  prorate: bool().optional(),
  cancellation_details: subscriptionUpdate.shape.cancellation_details,
  expand,
});

const invoiceList = object({
  ...listParams,
  customer: str().optional(),
  subscription: str().optional(),
  status: enumOf(["draft", "open", "paid", "uncollectible", "void"]).optional(),
  collection_method: enumOf(["charge_automatically", "send_invoice"]).optional(),
  created: rangeFilter,
});

const chargeList = object({ ...listParams, customer: str().optional(), payment_intent: str().optional(), created: rangeFilter });

const refundCreate = object({
  charge: str().optional(),
  payment_intent: str().optional(),
  amount: int({ min: 1 }).optional(),
  reason: enumOf(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
  metadata: metadata().optional(),
  expand,
});

const refundList = object({ ...listParams, charge: str().optional(), payment_intent: str().optional(), created: rangeFilter });

const retrieve = object({ expand });

function feedbackValue(value: string | undefined): SubscriptionRecord["cancellation_details"]["feedback"] | undefined {
  if (value === undefined) return undefined;
  return value === "" ? null : (value as NonNullable<SubscriptionRecord["cancellation_details"]["feedback"]>);
}

export const billingRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/subscriptions/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(retrieve, params);
      return expandObject(state.store, getSubscription(state, pathParams.id ?? ""), p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/subscriptions",
    handler: (state, { params }) => {
      const p = parseParams(subscriptionList, params);
      const status = p.status;
      const list = paginate(
        state.store.subscriptions.values(),
        (s) =>
          (p.customer === undefined || s.customer === p.customer) &&
          (p.price === undefined || s.items.data.some((item) => item.price.id === p.price)) &&
          (status === undefined ? s.status !== "canceled" && s.status !== "incomplete_expired" : status === "all" || (status === "ended" ? s.ended_at !== null : s.status === status)) &&
          inRange(s.created, p.created),
        p,
        "/v1/subscriptions",
        "subscription",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
  {
    method: "POST",
    pattern: "/v1/subscriptions/:id",
    handler: (state, { params, pathParams, ctx }) => {
      const subscription = getSubscription(state, pathParams.id ?? "");
      const p = parseParams(subscriptionUpdate, params);
      updateSubscription(
        state,
        subscription,
        {
          cancelAtPeriodEnd: p.cancel_at_period_end,
          metadata: p.metadata,
          description: p.description,
          comment: p.cancellation_details?.comment,
          feedback: feedbackValue(p.cancellation_details?.feedback),
        },
        ctx,
      );
      return expandObject(state.store, subscription, p.expand);
    },
  },
  {
    method: "DELETE",
    pattern: "/v1/subscriptions/:id",
    handler: (state, { params, pathParams, ctx }) => {
      const subscription = getSubscription(state, pathParams.id ?? "");
      const p = parseParams(subscriptionCancel, params);
      const details = subscription.cancellation_details;
      if (p.cancellation_details?.comment !== undefined) details.comment = p.cancellation_details.comment;
      const feedback = feedbackValue(p.cancellation_details?.feedback);
      if (feedback !== undefined) details.feedback = feedback;
      cancelSubscriptionNow(state, subscription, ctx);
      return expandObject(state.store, subscription, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/invoices/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(retrieve, params);
      const invoice = state.store.invoices.get(pathParams.id ?? "");
      if (!invoice) throw resourceMissing("invoice", pathParams.id ?? "");
      return expandObject(state.store, invoice, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/invoices",
    handler: (state, { params }) => {
      const p = parseParams(invoiceList, params);
      const list = paginate(
        state.store.invoices.values(),
        (i) =>
          (p.customer === undefined || i.customer === p.customer) &&
          (p.subscription === undefined || i.parent.subscription_details.subscription === p.subscription) &&
          (p.status === undefined || i.status === p.status) &&
          (p.collection_method === undefined || i.collection_method === p.collection_method) &&
          inRange(i.created, p.created),
        p,
        "/v1/invoices",
        "invoice",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/payment_intents/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(object({ expand, client_secret: str().optional() }), params);
      const pi = state.store.paymentIntents.get(pathParams.id ?? "");
      if (!pi) throw resourceMissing("payment_intent", pathParams.id ?? "", "intent");
      return expandObject(state.store, pi, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/charges/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(retrieve, params);
      return expandObject(state.store, getCharge(state, pathParams.id ?? ""), p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/charges",
    handler: (state, { params }) => {
      const p = parseParams(chargeList, params);
      const list = paginate(
        state.store.charges.values(),
        (c) => (p.customer === undefined || c.customer === p.customer) && (p.payment_intent === undefined || c.payment_intent === p.payment_intent) && inRange(c.created, p.created),
        p,
        "/v1/charges",
        "charge",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
  {
    method: "POST",
    pattern: "/v1/refunds",
    handler: (state, { params, ctx }) => {
      const p = parseParams(refundCreate, params);
      if (p.charge === undefined && p.payment_intent === undefined) throw parameterMissing("charge");
      const refund = createRefund(
        state,
        { chargeId: p.charge, paymentIntentId: p.payment_intent, amount: p.amount, reason: p.reason, metadata: applyMetadata(undefined, p.metadata) },
        ctx,
      );
      return expandObject(state.store, refund, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/refunds/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(retrieve, params);
      const refund = state.store.refunds.get(pathParams.id ?? "");
      if (!refund) throw resourceMissing("refund", pathParams.id ?? "");
      return expandObject(state.store, refund, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/refunds",
    handler: (state, { params }) => {
      const p = parseParams(refundList, params);
      const list = paginate(
        state.store.refunds.values(),
        (r) => (p.charge === undefined || r.charge === p.charge) && (p.payment_intent === undefined || r.payment_intent === p.payment_intent) && inRange(r.created, p.created),
        p,
        "/v1/refunds",
        "refund",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
];
