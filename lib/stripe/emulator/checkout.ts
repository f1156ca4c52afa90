import type { z } from "zod";
import { checkRecurring, createProductFromData, getPrice, getProduct, productDataParams } from "./catalog";
import { getCustomer } from "./customers";
import { exclusiveParameters, invalidRequest, parameterMissing, resourceMissing } from "./errors";
import { emit, type EmitContext } from "./events";
import { expandObject } from "./expand";
import { newId, nowSeconds, randomToken } from "./ids";
import { formatAmount, MAX_AMOUNT, minimumCharge } from "./money";
import { startSubscription } from "./billing";
import { buildCharge, buildCustomer, buildPaymentIntent, buildPaymentMethod, buildPrice, cardInfo } from "./objects";
import { applyMetadata, arrayOf, enumOf, expand, int, metadata, object, parseParams, str } from "./params";
import type { EmulatorState, Route } from "./state";
import { snapshot } from "./store";
import type { CheckoutLineItemRecord, CheckoutSessionExtras, CheckoutSessionRecord, CustomerDetailsRecord, PriceRecord } from "./types";
import { checkCurrency, checkEmail, checkStatementDescriptor, checkUrl } from "./validate";

const LOCALES = [
  "auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr", "hu", "id", "it", "ja", "ko",
  "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW",
] as const;

const priceDataParams = object({
  currency: str(),
  unit_amount: int({ min: 0, max: MAX_AMOUNT }).optional(),
  product: str().optional(),
  product_data: productDataParams.optional(),
  recurring: object({ interval: enumOf(["day", "week", "month", "year"]), interval_count: int({ min: 1 }).optional() }).optional(),
  tax_behavior: enumOf(["exclusive", "inclusive", "unspecified"]).optional(),
});

const lineItemParams = object({
  price: str().optional(),
  price_data: priceDataParams.optional(),
  quantity: int({ min: 1, max: 999_999 }).optional(),
});

const sessionCreate = object({
  mode: enumOf(["payment", "setup", "subscription"]),
  line_items: arrayOf(lineItemParams).optional(),
  success_url: str({ max: 5000 }).optional(),
  cancel_url: str({ max: 5000 }).optional(),
  customer: str().optional(),
  customer_email: str({ max: 512 }).optional(),
  customer_creation: enumOf(["always", "if_required"]).optional(),
  submit_type: enumOf(["auto", "book", "donate", "pay", "subscribe"]).optional(),
  metadata: metadata().optional(),
  payment_intent_data: object({
    metadata: metadata().optional(),
    description: str({ max: 1000 }).optional(),
    statement_descriptor_suffix: str({ max: 22 }).optional(),
    receipt_email: str({ max: 512 }).optional(),
  }).optional(),
  subscription_data: object({ metadata: metadata().optional(), description: str({ max: 500 }).optional() }).optional(),
  client_reference_id: str({ max: 200 }).optional(),
  payment_method_types: arrayOf(enumOf(["card", "link"])).optional(),
  billing_address_collection: enumOf(["auto", "required"]).optional(),
  locale: enumOf(LOCALES).optional(),
  expires_at: int().optional(),
  ui_mode: enumOf(["hosted"]).optional(),
  expand,
});

function resolveLineItems(state: EmulatorState, items: NonNullable<z.output<typeof sessionCreate>["line_items"]>): CheckoutLineItemRecord[] {
  return items.map((item, i) => {
    const at = `line_items[${i}]`;
    if (item.price !== undefined && item.price_data !== undefined) throw exclusiveParameters(`${at}[price]`, `${at}[price_data]`);
    if (item.quantity === undefined) throw parameterMissing(`${at}[quantity]`);
    let price: PriceRecord;
    if (item.price !== undefined) {
      price = getPrice(state, item.price, `${at}[price]`, 400);
      if (!price.active) {
        throw invalidRequest("The price specified is inactive. This field only accepts active prices.", { param: `${at}[price]` });
      }
    } else if (item.price_data !== undefined) {
      const data = item.price_data;
      const currency = checkCurrency(data.currency, `${at}[price_data][currency]`);
      if (data.unit_amount === undefined) throw parameterMissing(`${at}[price_data][unit_amount]`);
      if (data.product !== undefined && data.product_data !== undefined) {
        throw exclusiveParameters(`${at}[price_data][product]`, `${at}[price_data][product_data]`);
      }
      if (data.recurring) checkRecurring(data.recurring.interval, data.recurring.interval_count ?? 1, `${at}[price_data][recurring]`);
      let productId: string;
      if (data.product !== undefined) productId = getProduct(state, data.product, `${at}[price_data][product]`, 400).id;
      else if (data.product_data !== undefined) productId = createProductFromData(state, data.product_data, `${at}[price_data][product_data]`).id;
      else throw parameterMissing(`${at}[price_data][product]`);
      price = buildPrice({
        product: productId,
        currency,
        unitAmount: data.unit_amount,
        recurring: data.recurring ? { interval: data.recurring.interval, intervalCount: data.recurring.interval_count ?? 1 } : null,
        // Inline prices are single-use, so Stripe creates them inactive.
        active: false,
      });
      state.store.prices.set(price.id, price);
    } else {
      throw invalidRequest(`You must specify either \`price\` or \`price_data\` in ${at}.`, { param: `${at}[price]`, code: "parameter_missing" });
    }
    const amount = price.unit_amount * item.quantity;
    return {
      id: `li_${randomToken(24)}`,
      object: "item",
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: state.store.products.get(price.product)?.name ?? null,
      metadata: {},
      price: snapshot(price),
      quantity: item.quantity,
    } satisfies CheckoutLineItemRecord;
  });
}

export function createCheckoutSession(state: EmulatorState, params: unknown): { session: CheckoutSessionRecord; expand: string[] | undefined } {
  const p = parseParams(sessionCreate, params);
  if (p.mode === "setup") throw invalidRequest("The Masthead Stripe emulator does not support `setup` mode.", { param: "mode" });
  const mode = p.mode;
  if (p.success_url === undefined) throw parameterMissing("success_url");
  checkUrl(p.success_url, "success_url");
  if (p.cancel_url !== undefined) checkUrl(p.cancel_url, "cancel_url");
  if (mode === "subscription") {
    if (p.submit_type !== undefined) {
      throw invalidRequest("`submit_type` can only be used in `payment` mode.", { param: "submit_type" });
    }
    if (p.payment_intent_data !== undefined) {
      throw invalidRequest("You can not pass `payment_intent_data` in `subscription` mode.", { param: "payment_intent_data" });
    }
    if (p.customer_creation !== undefined) {
      throw invalidRequest("`customer_creation` can only be used in `payment` mode.", { param: "customer_creation" });
    }
  } else if (p.subscription_data !== undefined) {
    throw invalidRequest("You can not pass `subscription_data` in `payment` mode.", { param: "subscription_data" });
  }
  if (p.customer !== undefined && p.customer_email !== undefined) throw exclusiveParameters("customer", "customer_email");
  if (p.customer !== undefined && p.customer_creation !== undefined) throw exclusiveParameters("customer", "customer_creation");
  if (p.customer_email !== undefined) checkEmail(p.customer_email, "customer_email");
  const customer = p.customer === undefined ? undefined : getCustomer(state, p.customer, "customer", 400);
  const suffix = p.payment_intent_data?.statement_descriptor_suffix;
  if (suffix !== undefined) checkStatementDescriptor(suffix, "payment_intent_data[statement_descriptor_suffix]", "suffix");
  if (p.payment_intent_data?.receipt_email !== undefined) checkEmail(p.payment_intent_data.receipt_email, "payment_intent_data[receipt_email]");

  const created = nowSeconds();
  if (p.expires_at !== undefined) {
    if (p.expires_at < created + 30 * 60) {
      throw invalidRequest("The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.", { param: "expires_at" });
    }
    if (p.expires_at > created + 24 * 60 * 60) {
      throw invalidRequest("The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.", { param: "expires_at" });
    }
  }

  if (p.line_items === undefined || p.line_items.length === 0) throw parameterMissing("line_items");
  if (p.line_items.length > 100) throw invalidRequest("You may only specify up to 100 line items.", { param: "line_items" });
  // Validate the line items fully before creating any inline products or prices.
  p.line_items.forEach((item, i) => {
    const recurring = item.price !== undefined ? state.store.prices.get(item.price)?.recurring : item.price_data?.recurring;
    const param = item.price !== undefined ? `line_items[${i}][price]` : `line_items[${i}][price_data][recurring]`;
    if (mode === "payment" && recurring) {
      throw invalidRequest(
        "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
        { param },
      );
    }
    if (mode === "subscription" && !recurring && (item.price === undefined || state.store.prices.has(item.price))) {
      throw invalidRequest(
        "You must provide at least one recurring price in `subscription` mode when using prices. (The Masthead Stripe emulator accepts only recurring prices in `subscription` mode.)",
        { param },
      );
    }
  });
  const lineItems = resolveLineItems(state, p.line_items);
  const first = lineItems[0];
  if (!first) throw parameterMissing("line_items");
  const currency = first.currency;
  lineItems.forEach((item, i) => {
    if (item.currency !== currency) {
      throw invalidRequest("All line items must have the same currency.", { param: `line_items[${i}]` });
    }
    const a = item.price.recurring;
    const b = first.price.recurring;
    if (a && b && (a.interval !== b.interval || a.interval_count !== b.interval_count)) {
      throw invalidRequest("All recurring prices in a Checkout Session must have the same billing interval.", { param: `line_items[${i}]` });
    }
  });
  const total = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  if (total < minimumCharge(currency)) {
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least ${formatAmount(minimumCharge(currency), currency)} ${currency}`,
      { param: "line_items", code: "amount_too_small" },
    );
  }
  if (total > MAX_AMOUNT) {
    throw invalidRequest(`The Checkout Session's total amount due must be no more than ${formatAmount(MAX_AMOUNT, currency)} ${currency}`, {
      param: "line_items",
      code: "amount_too_large",
    });
  }

  const id = newId("cs_test");
  const session: CheckoutSessionRecord = {
    id,
    object: "checkout.session",
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: total,
    amount_total: total,
    billing_address_collection: p.billing_address_collection ?? null,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    client_secret: null,
    consent: null,
    consent_collection: null,
    created,
    currency,
    custom_fields: [],
    customer: customer?.id ?? null,
    customer_creation: mode === "payment" && !customer ? (p.customer_creation ?? "if_required") : null,
    customer_details: null,
    customer_email: p.customer_email ?? null,
    discounts: [],
    expires_at: p.expires_at ?? created + 24 * 60 * 60,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: p.locale ?? null,
    metadata: applyMetadata(undefined, p.metadata),
    mode,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: "always",
    payment_method_types: p.payment_method_types ?? ["card"],
    payment_status: "unpaid",
    recovered_from: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "open",
    submit_type: p.submit_type ?? null,
    subscription: null,
    success_url: p.success_url,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted",
    url: `${state.publicUrl}/pay/${id}`,
  };
  const extras: CheckoutSessionExtras = {
    lineItems,
    paymentIntentData: {
      metadata: applyMetadata(undefined, p.payment_intent_data?.metadata),
      description: p.payment_intent_data?.description ?? null,
      statementDescriptorSuffix: suffix ?? null,
      receiptEmail: p.payment_intent_data?.receipt_email ?? null,
    },
    subscriptionData: {
      metadata: applyMetadata(undefined, p.subscription_data?.metadata),
      description: p.subscription_data?.description ?? null,
    },
  };
  state.store.sessions.set(id, session);
  state.store.sessionExtras.set(id, extras);
  return { session, expand: p.expand };
}

export function sessionExtras(state: EmulatorState, session: CheckoutSessionRecord): CheckoutSessionExtras {
  const extras = state.store.sessionExtras.get(session.id);
  if (!extras) throw new Error(`Checkout Session ${session.id} has no line items recorded`);
  return extras;
}

export function expireSession(state: EmulatorState, session: CheckoutSessionRecord, ctx: EmitContext): void {
  session.status = "expired";
  session.url = null;
  emit(state.store, ctx, "checkout.session.expired", session);
}

/** Sessions past `expires_at` expire when next looked at, as if Stripe's timer had fired. */
export function refreshExpiry(state: EmulatorState, session: CheckoutSessionRecord, ctx: EmitContext): CheckoutSessionRecord {
  if (session.status === "open" && nowSeconds() >= session.expires_at) expireSession(state, session, ctx);
  return session;
}

export function getSession(state: EmulatorState, id: string, ctx: EmitContext): CheckoutSessionRecord {
  const session = state.store.sessions.get(id);
  if (!session) throw resourceMissing("checkout.session", id);
  return refreshExpiry(state, session, ctx);
}

export function successRedirect(session: CheckoutSessionRecord): string {
  return (session.success_url ?? "").replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}

export type TestCardOutcome = { ok: true; digits: string } | { ok: false; status: 400 | 402; message: string; declineCode?: string };

const DECLINED_CARDS: Record<string, { code: string; message: string }> = {
  "4000000000000002": { code: "generic_decline", message: "Your card was declined." },
  "4000000000009995": { code: "insufficient_funds", message: "Your card was declined (insufficient funds)." },
  "4000000000009987": { code: "lost_card", message: "Your card was declined." },
  "4000000000000069": { code: "expired_card", message: "Your card was declined: it has expired." },
};

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function checkTestCard(cardNumber: string): TestCardOutcome {
  const digits = cardNumber.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) return { ok: false, status: 400, message: "Your card number is incorrect." };
  const declined = DECLINED_CARDS[digits];
  if (declined) return { ok: false, status: 402, message: declined.message, declineCode: declined.code };
  return { ok: true, digits };
}

/**
 * Completes an open session with a card that succeeds: creates the customer (subscription
 * mode, or `customer_creation=always`), the payment objects, and the events, in Stripe's order.
 */
export function completeSession(state: EmulatorState, session: CheckoutSessionRecord, email: string, cardDigits: string, ctx: EmitContext): void {
  const { store } = state;
  const extras = sessionExtras(state, session);
  let customerId = session.customer;
  if (!customerId && (session.mode === "subscription" || session.customer_creation === "always")) {
    const customer = buildCustomer({ email });
    store.customers.set(customer.id, customer);
    emit(store, ctx, "customer.created", customer);
    customerId = customer.id;
  }
  const paymentMethod = buildPaymentMethod(cardInfo(cardDigits), email, customerId);
  store.paymentMethods.set(paymentMethod.id, paymentMethod);
  const customerDetails: CustomerDetailsRecord = {
    address: null,
    business_name: null,
    email,
    individual_name: null,
    name: null,
    phone: null,
    tax_exempt: "none",
    tax_ids: [],
  };

  if (session.mode === "payment") {
    const pi = buildPaymentIntent({
      amount: session.amount_total,
      currency: session.currency,
      customer: customerId,
      description: extras.paymentIntentData.description,
      metadata: extras.paymentIntentData.metadata,
      receiptEmail: extras.paymentIntentData.receiptEmail ?? email,
      statementDescriptorSuffix: extras.paymentIntentData.statementDescriptorSuffix,
      paymentMethod: null,
    });
    store.paymentIntents.set(pi.id, pi);
    emit(store, ctx, "payment_intent.created", pi);
    const charge = buildCharge({ paymentIntent: pi, paymentMethod, email, invoice: null, publicUrl: state.publicUrl });
    store.charges.set(charge.id, charge);
    store.chargeSessions.set(charge.id, session.id);
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
    pi.latest_charge = charge.id;
    pi.payment_method = paymentMethod.id;
    emit(store, ctx, "payment_intent.succeeded", pi);
    emit(store, ctx, "charge.succeeded", charge);
    session.payment_intent = pi.id;
  } else {
    if (!customerId) throw new Error("subscription checkout without a customer");
    const { subscription, invoice, charge } = startSubscription(state, {
      customerId,
      email,
      lineItems: extras.lineItems,
      metadata: extras.subscriptionData.metadata,
      description: extras.subscriptionData.description,
      paymentMethod,
      ctx,
    });
    store.chargeSessions.set(charge.id, session.id);
    session.subscription = subscription.id;
    session.invoice = invoice.id;
  }
  session.status = "complete";
  session.payment_status = "paid";
  session.customer = customerId;
  session.customer_details = customerDetails;
  session.url = null;
  emit(store, ctx, "checkout.session.completed", session);
}

export const checkoutRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/checkout/sessions",
    handler: (state, { params }) => {
      const { session, expand: paths } = createCheckoutSession(state, params);
      return expandObject(state.store, session, paths);
    },
  },
  {
    method: "POST",
    pattern: "/v1/checkout/sessions/:id/expire",
    handler: (state, { params, pathParams, ctx }) => {
      const p = parseParams(object({ expand }), params);
      const session = getSession(state, pathParams.id ?? "", ctx);
      if (session.status !== "open") {
        throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, {
          param: "session",
        });
      }
      expireSession(state, session, ctx);
      return expandObject(state.store, session, p.expand);
    },
  },
];
