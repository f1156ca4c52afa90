import { newId, nowSeconds, randomToken } from "./ids";
import { addInterval } from "./money";
import { snapshot } from "./store";
import type {
  BillingDetailsRecord,
  ChargeRecord,
  CheckoutLineItemRecord,
  CustomerRecord,
  DisputeRecord,
  InvoiceLineRecord,
  InvoicePaymentRecord,
  InvoiceRecord,
  PortalSessionRecord,
  RefundRecord,
  SubscriptionItemRecord,
  SubscriptionRecord,
  Interval,
  Metadata,
  PaymentIntentRecord,
  PaymentMethodRecord,
  PlanRecord,
  PriceRecord,
  ProductRecord,
} from "./types";

/** Builders for Stripe-shaped records with Stripe's defaults. */

export type CardInfo = { brand: string; last4: string; expMonth: number; expYear: number; funding: string; country: string };

export function cardInfo(cardNumber: string): CardInfo {
  const brand = /^3[47]/.test(cardNumber) ? "amex" : /^5[1-5]|^2[2-7]/.test(cardNumber) ? "mastercard" : /^6/.test(cardNumber) ? "discover" : "visa";
  return { brand, last4: cardNumber.slice(-4), expMonth: 12, expYear: new Date().getUTCFullYear() + 3, funding: "credit", country: "US" };
}

export function buildProduct(input: {
  id?: string | undefined;
  name: string;
  description?: string | null | undefined;
  metadata?: Metadata | undefined;
  statementDescriptor?: string | null | undefined;
  active?: boolean | undefined;
  url?: string | null | undefined;
  images?: string[] | undefined;
  unitLabel?: string | null | undefined;
}): ProductRecord {
  const created = nowSeconds();
  return {
    id: input.id ?? newId("prod"),
    object: "product",
    active: input.active ?? true,
    created,
    default_price: null,
    description: input.description ?? null,
    images: input.images ?? [],
    livemode: false,
    marketing_features: [],
    metadata: { ...input.metadata },
    name: input.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: input.statementDescriptor ?? null,
    tax_code: null,
    type: "service",
    unit_label: input.unitLabel ?? null,
    updated: created,
    url: input.url ?? null,
  };
}

export function buildPrice(input: {
  product: string;
  currency: string;
  unitAmount: number;
  recurring: { interval: Interval; intervalCount: number } | null;
  lookupKey?: string | null | undefined;
  nickname?: string | null | undefined;
  metadata?: Metadata | undefined;
  active?: boolean | undefined;
}): PriceRecord {
  return {
    id: newId("price"),
    object: "price",
    active: input.active ?? true,
    billing_scheme: "per_unit",
    created: nowSeconds(),
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: input.lookupKey ?? null,
    metadata: { ...input.metadata },
    nickname: input.nickname ?? null,
    product: input.product,
    recurring: input.recurring
      ? { interval: input.recurring.interval, interval_count: input.recurring.intervalCount, meter: null, trial_period_days: null, usage_type: "licensed" }
      : null,
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? "recurring" : "one_time",
    unit_amount: input.unitAmount,
    unit_amount_decimal: String(input.unitAmount),
  };
}

export function planFromPrice(price: PriceRecord): PlanRecord {
  const recurring = price.recurring ?? { interval: "month" as const, interval_count: 1 };
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: false,
    metadata: { ...price.metadata },
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

export function buildCustomer(input: {
  email?: string | null | undefined;
  name?: string | null | undefined;
  description?: string | null | undefined;
  phone?: string | null | undefined;
  metadata?: Metadata | undefined;
}): CustomerRecord {
  return {
    id: newId("cus"),
    object: "customer",
    address: null,
    balance: 0,
    created: nowSeconds(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description ?? null,
    email: input.email ?? null,
    invoice_prefix: randomToken(8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: { ...input.metadata },
    name: input.name ?? null,
    next_invoice_sequence: 1,
    phone: input.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

function billingDetails(email: string | null): BillingDetailsRecord {
  return { address: null, email, name: null, phone: null, tax_id: null };
}

export function buildPaymentMethod(card: CardInfo, email: string | null, customer: string | null): PaymentMethodRecord {
  return {
    id: newId("pm"),
    object: "payment_method",
    billing_details: billingDetails(email),
    card: { brand: card.brand, country: card.country, exp_month: card.expMonth, exp_year: card.expYear, funding: card.funding, last4: card.last4 },
    created: nowSeconds(),
    customer,
    livemode: false,
    metadata: {},
    type: "card",
  };
}

export function buildPaymentIntent(input: {
  amount: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Metadata;
  receiptEmail: string | null;
  statementDescriptorSuffix: string | null;
  paymentMethod: string | null;
}): PaymentIntentRecord {
  const id = newId("pi");
  return {
    id,
    object: "payment_intent",
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${id}_secret_${randomToken(25)}`,
    confirmation_method: "automatic",
    created: nowSeconds(),
    currency: input.currency,
    customer: input.customer,
    description: input.description,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: { ...input.metadata },
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_types: ["card"],
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: input.statementDescriptorSuffix,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };
}

export function buildCharge(input: {
  paymentIntent: PaymentIntentRecord;
  paymentMethod: PaymentMethodRecord;
  email: string | null;
  invoice: string | null;
  publicUrl: string;
}): ChargeRecord {
  const pi = input.paymentIntent;
  const card = input.paymentMethod.card;
  const id = newId("ch");
  return {
    id,
    object: "charge",
    amount: pi.amount,
    amount_captured: pi.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: billingDetails(input.email),
    calculated_statement_descriptor: null,
    captured: true,
    created: nowSeconds(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    invoice: input.invoice,
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      risk_score: 12,
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: pi.id,
    payment_method: input.paymentMethod.id,
    payment_method_details: {
      type: "card",
      card: { brand: card.brand, country: card.country, exp_month: card.exp_month, exp_year: card.exp_year, funding: card.funding, last4: card.last4, network: card.brand },
    },
    receipt_email: input.email,
    receipt_number: null,
    receipt_url: `${input.publicUrl}/receipts/${id}`,
    refunded: false,
    review: null,
    shipping: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
}

/** A draft invoice for a subscription's current items, one line per item. */
export function buildInvoice(input: {
  id: string;
  subscription: SubscriptionRecord;
  customer: CustomerRecord | undefined;
  reason: InvoiceRecord["billing_reason"];
  period: { start: number; end: number };
  describe: (item: SubscriptionItemRecord) => string;
}): InvoiceRecord {
  const { id, subscription, customer, reason, period, describe } = input;
  const created = nowSeconds();
  const lines: InvoiceLineRecord[] = subscription.items.data.map((item) => ({
    id: `il_${randomToken(24)}`,
    object: "line_item",
    amount: item.price.unit_amount * item.quantity,
    currency: item.price.currency,
    description: describe(item),
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
  return invoice;
}

/** An invoice's one payment by its payment intent: paid at `paidAt`, or still open (a failed attempt). */
export function invoicePayments(invoice: InvoiceRecord, paymentIntent: string, paidAt: number | null): InvoiceRecord["payments"] {
  const payment: InvoicePaymentRecord = {
    id: `inpay_${randomToken(24)}`,
    object: "invoice_payment",
    amount_paid: paidAt === null ? null : invoice.amount_due,
    amount_requested: invoice.amount_due,
    created: paidAt ?? nowSeconds(),
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: paymentIntent },
    status: paidAt === null ? "open" : "paid",
    status_transitions: { canceled_at: null, paid_at: paidAt },
  };
  return { object: "list", data: [payment], has_more: false, total_count: 1, url: "/v1/invoice_payments" };
}

/** An active subscription to checkout's line items, its first period starting now. */
export function buildSubscription(input: {
  id: string;
  invoiceId: string;
  customerId: string;
  lineItems: CheckoutLineItemRecord[];
  metadata: Metadata;
  description: string | null;
  paymentMethod: string;
}): SubscriptionRecord {
  const { id, invoiceId } = input;
  const now = nowSeconds();
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
    default_payment_method: input.paymentMethod,
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
  return subscription;
}

export function buildRefund(charge: ChargeRecord, amount: number, reason: RefundRecord["reason"], metadata: Metadata | undefined): RefundRecord {
  return {
    id: newId("re"),
    object: "refund",
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    metadata: { ...metadata },
    payment_intent: charge.payment_intent,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };
}

/** A dispute opened now on what is left of the charge, awaiting the newsroom's evidence. */
export function buildDispute(charge: ChargeRecord, reason: string): DisputeRecord {
  const now = nowSeconds();
  return {
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
}

export function buildPortalSession(input: { customer: string; returnUrl: string | null; locale: string | null; configuration: string | null; publicUrl: string }): PortalSessionRecord {
  const id = newId("bps");
  return {
    id,
    object: "billing_portal.session",
    configuration: input.configuration ?? "bpc_emulator_default",
    created: nowSeconds(),
    customer: input.customer,
    flow: null,
    livemode: false,
    locale: input.locale,
    on_behalf_of: null,
    return_url: input.returnUrl,
    url: `${input.publicUrl}/portal/${id}`,
  };
}
