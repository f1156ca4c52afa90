import type Stripe from "stripe";

/**
 * The objects the emulator stores and serialises. Field names and value types are checked
 * against the SDK's own types at the bottom of this file, so a typo or a stale shape is a
 * compile error rather than a surprise in the app.
 */
export type Metadata = Record<string, string>;
export type Currency = "usd" | "eur" | "gbp" | "jpy" | "cad" | "aud" | "chf";
export type Interval = "day" | "week" | "month" | "year";

export type ListObject<T> = {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
  total_count?: number;
};

export type ProductRecord = {
  id: string;
  object: "product";
  active: boolean;
  created: number;
  default_price: string | null;
  description: string | null;
  images: string[];
  livemode: false;
  marketing_features: [];
  metadata: Metadata;
  name: string;
  package_dimensions: null;
  shippable: null;
  statement_descriptor: string | null;
  tax_code: null;
  type: "service";
  unit_label: string | null;
  updated: number;
  url: string | null;
};

export type RecurringRecord = {
  interval: Interval;
  interval_count: number;
  meter: null;
  trial_period_days: null;
  usage_type: "licensed";
};

export type PriceRecord = {
  id: string;
  object: "price";
  active: boolean;
  billing_scheme: "per_unit";
  created: number;
  currency: string;
  custom_unit_amount: null;
  livemode: false;
  lookup_key: string | null;
  metadata: Metadata;
  nickname: string | null;
  product: string;
  recurring: RecurringRecord | null;
  tax_behavior: "unspecified";
  tiers_mode: null;
  transform_quantity: null;
  type: "one_time" | "recurring";
  unit_amount: number;
  unit_amount_decimal: string;
};

export type CustomerRecord = {
  id: string;
  object: "customer";
  address: null;
  balance: number;
  created: number;
  currency: string | null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: { custom_fields: null; default_payment_method: string | null; footer: null; rendering_options: null };
  livemode: false;
  metadata: Metadata;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: "none";
  test_clock: null;
};

export type CustomerDetailsRecord = {
  address: null;
  business_name: null;
  email: string | null;
  individual_name: null;
  name: string | null;
  phone: null;
  tax_exempt: "none";
  tax_ids: [];
};

export type CheckoutSessionRecord = {
  id: string;
  object: "checkout.session";
  after_expiration: null;
  allow_promotion_codes: null;
  amount_subtotal: number;
  amount_total: number;
  billing_address_collection: "auto" | "required" | null;
  cancel_url: string | null;
  client_reference_id: string | null;
  client_secret: null;
  consent: null;
  consent_collection: null;
  created: number;
  currency: string;
  custom_fields: [];
  customer: string | null;
  customer_creation: "always" | "if_required" | null;
  customer_details: CustomerDetailsRecord | null;
  customer_email: string | null;
  discounts: [];
  expires_at: number;
  invoice: string | null;
  invoice_creation: null;
  livemode: false;
  locale: string | null;
  metadata: Metadata;
  mode: "payment" | "subscription";
  payment_intent: string | null;
  payment_link: null;
  payment_method_collection: "always" | null;
  payment_method_types: string[];
  payment_status: "paid" | "unpaid" | "no_payment_required";
  recovered_from: null;
  setup_intent: null;
  shipping_address_collection: null;
  shipping_cost: null;
  shipping_options: [];
  status: "open" | "complete" | "expired";
  submit_type: "auto" | "book" | "donate" | "pay" | "subscribe" | null;
  subscription: string | null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: "hosted";
  url: string | null;
};

export type CheckoutLineItemRecord = {
  id: string;
  object: "item";
  amount_discount: number;
  amount_subtotal: number;
  amount_tax: number;
  amount_total: number;
  currency: string;
  description: string | null;
  metadata: Metadata;
  price: PriceRecord;
  quantity: number;
};

/** What a session keeps beyond its public fields, for when it is paid. */
export type CheckoutSessionExtras = {
  lineItems: CheckoutLineItemRecord[];
  paymentIntentData: { metadata: Metadata; description: string | null; statementDescriptorSuffix: string | null; receiptEmail: string | null };
  subscriptionData: { metadata: Metadata; description: string | null };
};

export type PaymentMethodRecord = {
  id: string;
  object: "payment_method";
  billing_details: BillingDetailsRecord;
  card: { brand: string; country: string; exp_month: number; exp_year: number; funding: string; last4: string };
  created: number;
  customer: string | null;
  livemode: false;
  metadata: Metadata;
  type: "card";
};

export type BillingDetailsRecord = { address: null; email: string | null; name: string | null; phone: null; tax_id: null };

export type PaymentIntentRecord = {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  application: null;
  application_fee_amount: null;
  canceled_at: null;
  cancellation_reason: null;
  capture_method: "automatic_async";
  client_secret: string;
  confirmation_method: "automatic";
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: { type: "card_error"; code: string; decline_code: string; message: string } | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  next_action: null;
  on_behalf_of: null;
  payment_method: string | null;
  payment_method_types: string[];
  processing: null;
  receipt_email: string | null;
  review: null;
  setup_future_usage: null;
  shipping: null;
  statement_descriptor: null;
  statement_descriptor_suffix: string | null;
  status: "requires_payment_method" | "succeeded";
  transfer_data: null;
  transfer_group: null;
};

export type ChargeRecord = {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  application: null;
  application_fee: null;
  application_fee_amount: null;
  balance_transaction: null;
  billing_details: BillingDetailsRecord;
  calculated_statement_descriptor: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  disputed: boolean;
  failure_balance_transaction: null;
  failure_code: null;
  failure_message: null;
  fraud_details: Record<string, never>;
  /** Not in the 2026 API any more; kept as a convenience link, as the brief asks. */
  invoice: string | null;
  livemode: false;
  metadata: Metadata;
  on_behalf_of: null;
  outcome: {
    advice_code: null;
    network_advice_code: null;
    network_decline_code: null;
    network_status: "approved_by_network";
    reason: null;
    risk_level: "normal";
    risk_score: number;
    seller_message: string;
    type: "authorized";
  };
  paid: boolean;
  payment_intent: string | null;
  payment_method: string | null;
  payment_method_details: {
    type: "card";
    card: { brand: string; country: string; exp_month: number; exp_year: number; funding: string; last4: string; network: string };
  };
  receipt_email: string | null;
  receipt_number: null;
  receipt_url: string | null;
  refunded: boolean;
  review: null;
  shipping: null;
  source_transfer: null;
  statement_descriptor: null;
  statement_descriptor_suffix: string | null;
  status: "succeeded" | "pending" | "failed";
  transfer_data: null;
  transfer_group: null;
};

export type SubscriptionItemRecord = {
  id: string;
  object: "subscription_item";
  billing_thresholds: null;
  created: number;
  current_period_end: number;
  current_period_start: number;
  current_trial: null;
  discounts: [];
  metadata: Metadata;
  plan: PlanRecord;
  price: PriceRecord;
  quantity: number;
  subscription: string;
  tax_rates: [];
};

export type PlanRecord = {
  id: string;
  object: "plan";
  active: boolean;
  amount: number;
  amount_decimal: string;
  billing_scheme: "per_unit";
  created: number;
  currency: string;
  interval: Interval;
  interval_count: number;
  livemode: false;
  metadata: Metadata;
  meter: null;
  nickname: string | null;
  product: string;
  tiers_mode: null;
  transform_usage: null;
  trial_period_days: null;
  usage_type: "licensed";
};

export type SubscriptionStatus = "active" | "past_due" | "canceled" | "incomplete" | "incomplete_expired" | "trialing" | "unpaid" | "paused";

export type SubscriptionRecord = {
  id: string;
  object: "subscription";
  application: null;
  application_fee_percent: null;
  billing_cycle_anchor: number;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  cancellation_details: {
    comment: string | null;
    feedback: Stripe.Subscription.CancellationDetails.Feedback | null;
    feedback_option: null;
    reason: "cancellation_requested" | "payment_disputed" | "payment_failed" | null;
  };
  collection_method: "charge_automatically";
  created: number;
  currency: string;
  customer: string;
  days_until_due: null;
  default_payment_method: string | null;
  default_source: null;
  description: string | null;
  discounts: [];
  ended_at: number | null;
  items: ListObject<SubscriptionItemRecord>;
  latest_invoice: string | null;
  livemode: false;
  metadata: Metadata;
  next_pending_invoice_item_invoice: null;
  on_behalf_of: null;
  pause_collection: { behavior: "keep_as_draft" | "mark_uncollectible" | "void"; resumes_at: number | null } | null;
  pending_invoice_item_interval: null;
  pending_setup_intent: null;
  pending_update: null;
  schedule: null;
  start_date: number;
  status: SubscriptionStatus;
  test_clock: null;
  transfer_data: null;
  trial_end: null;
  trial_start: null;
};

export type InvoiceLineRecord = {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string | null;
  discount_amounts: [];
  discountable: boolean;
  discounts: [];
  invoice: string;
  livemode: false;
  metadata: Metadata;
  parent: {
    type: "subscription_item_details";
    invoice_item_details: null;
    subscription_item_details: { invoice_item: null; proration: boolean; proration_details: { credited_items: null }; subscription: string; subscription_item: string };
  };
  period: { end: number; start: number };
  pretax_credit_amounts: [];
  pricing: { price_details: { price: string; product: string }; type: "price_details"; unit_amount_decimal: string };
  quantity: number;
  quantity_decimal: string;
  subscription: string;
  subtotal: number;
  taxes: [];
};

export type InvoicePaymentRecord = {
  id: string;
  object: "invoice_payment";
  amount_paid: number | null;
  amount_requested: number;
  created: number;
  currency: string;
  invoice: string;
  is_default: boolean;
  livemode: false;
  payment: { type: "payment_intent"; payment_intent: string };
  status: "open" | "paid" | "canceled";
  status_transitions: { canceled_at: null; paid_at: number | null };
};

export type InvoiceRecord = {
  id: string;
  object: "invoice";
  account_country: string;
  account_name: string;
  amount_due: number;
  amount_overpaid: number;
  amount_paid: number;
  amount_remaining: number;
  amount_shipping: number;
  attempt_count: number;
  attempted: boolean;
  auto_advance: boolean;
  billing_reason: "subscription_create" | "subscription_cycle" | "subscription_update";
  collection_method: "charge_automatically";
  created: number;
  currency: string;
  customer: string;
  customer_email: string | null;
  customer_name: string | null;
  description: string | null;
  discounts: [];
  due_date: null;
  effective_at: number | null;
  ending_balance: number | null;
  footer: null;
  hosted_invoice_url: null;
  invoice_pdf: null;
  lines: ListObject<InvoiceLineRecord>;
  livemode: false;
  metadata: Metadata;
  next_payment_attempt: number | null;
  number: string | null;
  parent: {
    type: "subscription_details";
    quote_details: null;
    subscription_details: { metadata: Metadata; subscription: string };
  };
  payments: ListObject<InvoicePaymentRecord>;
  period_end: number;
  period_start: number;
  post_payment_credit_notes_amount: number;
  pre_payment_credit_notes_amount: number;
  receipt_number: null;
  starting_balance: number;
  statement_descriptor: null;
  status: "draft" | "open" | "paid" | "void";
  status_transitions: { finalized_at: number | null; marked_uncollectible_at: null; paid_at: number | null; voided_at: null };
  subtotal: number;
  subtotal_excluding_tax: number;
  test_clock: null;
  total: number;
  total_excluding_tax: number;
  webhooks_delivered_at: number | null;
};

export type RefundRecord = {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string | null;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: "succeeded";
  transfer_reversal: null;
};

export type DisputeRecord = {
  id: string;
  object: "dispute";
  amount: number;
  balance_transactions: [];
  charge: string;
  created: number;
  currency: string;
  evidence_details: {
    due_by: number;
    enhanced_eligibility: Record<string, never>;
    has_evidence: boolean;
    past_due: boolean;
    submission_count: number;
    submission_method: "not_submitted";
  };
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Metadata;
  payment_intent: string | null;
  reason: string;
  status: "needs_response";
};

export type PortalSessionRecord = {
  id: string;
  object: "billing_portal.session";
  configuration: string;
  created: number;
  customer: string;
  flow: null;
  livemode: false;
  locale: string | null;
  on_behalf_of: null;
  return_url: string | null;
  url: string;
};

export type EventRecord = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

export type StoredObject =
  | ProductRecord
  | PriceRecord
  | CustomerRecord
  | CheckoutSessionRecord
  | PaymentMethodRecord
  | PaymentIntentRecord
  | ChargeRecord
  | SubscriptionRecord
  | InvoiceRecord
  | RefundRecord
  | DisputeRecord
  | PortalSessionRecord
  | EventRecord;

// Compile-time shape checks against the SDK (see the note at the top). The SDK turns decimal
// strings into Decimal objects after parsing, so the wire type of those is string.
type DecimalValue = NonNullable<Stripe.Price["unit_amount_decimal"]>;
type Wire<T> = T extends DecimalValue ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type Same<Mine, Theirs> = Exclude<keyof Mine, keyof Theirs> extends never
  ? Mine extends Pick<Wire<Theirs>, keyof Mine & keyof Wire<Theirs>>
    ? true
    : false
  : false;
type Check<T extends true> = T;
export type ShapeChecks = [
  Check<Same<ProductRecord, Stripe.Product>>,
  Check<Same<PriceRecord, Stripe.Price>>,
  Check<Same<CustomerRecord, Stripe.Customer>>,
  Check<Same<CheckoutSessionRecord, Stripe.Checkout.Session>>,
  Check<Same<CheckoutLineItemRecord, Stripe.LineItem>>,
  Check<Same<Omit<PaymentMethodRecord, "card">, Stripe.PaymentMethod>>,
  Check<Same<PaymentIntentRecord, Stripe.PaymentIntent>>,
  Check<Same<Omit<ChargeRecord, "invoice" | "payment_method_details">, Stripe.Charge>>,
  Check<Same<SubscriptionItemRecord, Stripe.SubscriptionItem>>,
  Check<Same<SubscriptionRecord, Stripe.Subscription>>,
  Check<Same<InvoiceLineRecord, Stripe.InvoiceLineItem>>,
  Check<Same<InvoicePaymentRecord, Stripe.InvoicePayment>>,
  Check<Same<InvoiceRecord, Stripe.Invoice>>,
  Check<Same<RefundRecord, Stripe.Refund>>,
  Check<Same<DisputeRecord, Stripe.Dispute>>,
  Check<Same<PortalSessionRecord, Stripe.BillingPortal.Session>>,
];
