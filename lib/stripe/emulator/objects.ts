import { newId, nowSeconds, randomToken } from "./ids";
import type {
  BillingDetailsRecord,
  ChargeRecord,
  CustomerRecord,
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
