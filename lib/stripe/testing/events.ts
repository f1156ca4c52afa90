import type Stripe from "stripe";

/**
 * Stripe-shaped event payloads for tests, built the way Stripe builds them for our checkout's
 * metadata. Only the fields our handlers and Stripe's signature check read are filled in.
 */
let counter = 0;
const nextId = (prefix: string) => `${prefix}_test${Date.now().toString(36)}${(counter++).toString(36)}`;
const now = () => Math.floor(Date.now() / 1000);

export type GiftMeta = { frequency: "once" | "monthly" | "annual"; amount: number; fee?: number; placement?: string; slug?: string };

export const metadataFor = (m: GiftMeta): Record<string, string> => ({
  frequency: m.frequency,
  amount: String(m.amount - (m.fee ?? 0)),
  fee_amount: String(m.fee ?? 0),
  total: String(m.amount),
  currency: "eur",
  cover_fees: String((m.fee ?? 0) > 0),
  placement: m.placement ?? "inline",
  source_path: m.slug ? `/articles/${m.slug}` : "/support",
  source_slug: m.slug ?? "",
  campaign: "",
});

export function event<T extends Stripe.Event["type"]>(type: T, object: unknown, { created = now(), id = nextId("evt") } = {}): Extract<Stripe.Event, { type: T }> {
  return {
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  } as unknown as Extract<Stripe.Event, { type: T }>;
}

export function oneTimeCheckout(opts: { amount: number; fee?: number; email?: string; paid?: boolean; slug?: string; customer?: string }) {
  const session = {
    id: nextId("cs_test"),
    object: "checkout.session",
    mode: "payment",
    status: "complete",
    payment_status: opts.paid === false ? "unpaid" : "paid",
    amount_total: opts.amount,
    currency: "eur",
    customer: opts.customer ?? nextId("cus"),
    customer_details: { email: opts.email ?? "reader@example.org", name: "A Reader" },
    customer_email: null,
    payment_intent: nextId("pi"),
    subscription: null,
    metadata: metadataFor({ frequency: "once", amount: opts.amount, fee: opts.fee, slug: opts.slug }),
  };
  return session;
}

export function subscriptionCheckout(opts: { amount: number; frequency: "monthly" | "annual"; customer?: string; subscription?: string; email?: string }) {
  return {
    id: nextId("cs_test"),
    object: "checkout.session",
    mode: "subscription",
    status: "complete",
    payment_status: "paid",
    amount_total: opts.amount,
    currency: "eur",
    customer: opts.customer ?? nextId("cus"),
    customer_details: { email: opts.email ?? "member@example.org", name: "A Member" },
    customer_email: null,
    payment_intent: null,
    subscription: opts.subscription ?? nextId("sub"),
    metadata: metadataFor({ frequency: opts.frequency, amount: opts.amount }),
  };
}

export function paidInvoice(opts: { subscription: string; customer: string; amount: number; frequency: "monthly" | "annual"; email?: string; reason?: string }) {
  return {
    id: nextId("in"),
    object: "invoice",
    status: "paid",
    amount_paid: opts.amount,
    amount_due: opts.amount,
    currency: "eur",
    customer: opts.customer,
    customer_email: opts.email ?? "member@example.org",
    customer_name: "A Member",
    billing_reason: opts.reason ?? "subscription_create",
    parent: { type: "subscription_details", subscription_details: { subscription: opts.subscription, metadata: metadataFor({ frequency: opts.frequency, amount: opts.amount }) } },
    lines: { object: "list", data: [{ amount: opts.amount, period: { start: now(), end: now() + 30 * 86400 } }] },
    payments: { object: "list", data: [{ payment: { type: "payment_intent", payment_intent: nextId("pi") } }] },
    status_transitions: { paid_at: now() },
  };
}

export function subscriptionObject(opts: {
  id: string;
  customer: string;
  amount: number;
  frequency: "monthly" | "annual";
  status?: string;
  cancelAtPeriodEnd?: boolean;
  canceledAt?: number | null;
}) {
  const start = now() - 60;
  return {
    id: opts.id,
    object: "subscription",
    customer: opts.customer,
    status: opts.status ?? "active",
    currency: "eur",
    start_date: start,
    cancel_at_period_end: opts.cancelAtPeriodEnd ?? false,
    cancel_at: opts.cancelAtPeriodEnd ? start + 30 * 86400 : null,
    canceled_at: opts.canceledAt ?? null,
    ended_at: opts.status === "canceled" ? now() : null,
    metadata: metadataFor({ frequency: opts.frequency, amount: opts.amount }),
    items: {
      object: "list",
      data: [
        {
          quantity: 1,
          current_period_end: start + 30 * 86400,
          price: { unit_amount: opts.amount, currency: "eur", recurring: { interval: opts.frequency === "annual" ? "year" : "month" } },
        },
      ],
    },
  };
}

export function refundedCharge(opts: { paymentIntent: string; amount: number; refunded: number }) {
  return { id: nextId("ch"), object: "charge", amount: opts.amount, amount_refunded: opts.refunded, refunded: opts.refunded >= opts.amount, currency: "eur", payment_intent: opts.paymentIntent };
}

export function dispute(opts: { charge: string; paymentIntent: string; amount: number }) {
  return { id: nextId("dp"), object: "dispute", charge: opts.charge, payment_intent: opts.paymentIntent, amount: opts.amount, currency: "eur", reason: "fraudulent", status: "needs_response", created: now() };
}
