import type Stripe from "stripe";
import { snapshot } from "./store";
import { startServer } from "./server";

/**
 * A local stand-in for Stripe's API, hosted Checkout and billing portal, with signed webhooks,
 * for development, tests and CI without internet. Point the official SDK at it with
 * `new Stripe(key, { host: "127.0.0.1", port, protocol: "http" })`.
 */
export type EmulatorOptions = {
  /** 0 = a random free port. Default 0. */
  port?: number;
  /** Default "127.0.0.1". Anything that is not a loopback address is refused. */
  host?: string;
  /** Where signed events are POSTed; may be set or changed later with setWebhookUrl. */
  webhookUrl?: string;
  /** The endpoint secret (whsec_...) events are signed with, exactly as Stripe signs them. */
  webhookSecret: string;
  /** Base URL of the emulator as the browser sees it. Default `http://host:port`. */
  publicUrl?: string;
  /** How long one webhook attempt may take before it counts as failed. Default 20 s. */
  webhookTimeoutMs?: number;
  /** Receives one line per notable happening (webhook retries, injected faults, internal errors). */
  log?: (message: string) => void;
};

export type EmulatedPayment = {
  chargeId: string;
  paymentIntentId?: string;
  invoiceId?: string;
  subscriptionId?: string;
  checkoutSessionId?: string;
  /** null for a guest payment (payment mode without `customer` or `customer_creation=always`), as on Stripe. */
  customerId: string | null;
  amount: number;
  amountRefunded: number;
  currency: string;
  created: number;
  /** True once the whole amount has been refunded. */
  refunded: boolean;
  disputed: boolean;
};

export type WebhookDelivery = { eventId: string; status: number | "error"; attempt: number };

export type StripeEmulator = {
  url: string;
  port: number;
  stop(): Promise<void>;
  setWebhookUrl(url: string): void;
  /** Every successful money movement, oldest first. */
  payments(): EmulatedPayment[];
  /** Every event generated, oldest first. */
  events(): Stripe.Event[];
  /** Every webhook delivery attempt, in the order they finished. */
  deliveries(): WebhookDelivery[];
};

export { API_VERSION } from "./events";
export { signatureHeader } from "./webhooks";

export async function startStripeEmulator(options: EmulatorOptions): Promise<StripeEmulator> {
  if (typeof options.webhookSecret !== "string" || options.webhookSecret === "") {
    throw new Error("startStripeEmulator: webhookSecret is required (the whsec_... the app verifies webhooks with).");
  }
  if (options.webhookUrl !== undefined) assertWebhookUrl(options.webhookUrl);
  const running = await startServer({
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    publicUrl: options.publicUrl,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 20_000,
    log: options.log ?? (() => undefined),
  });
  const { store } = running.state;
  return {
    url: running.url,
    port: running.port,
    stop: () => running.stop(),
    setWebhookUrl(url: string) {
      assertWebhookUrl(url);
      running.dispatcher.setUrl(url);
    },
    payments() {
      const out: EmulatedPayment[] = [];
      for (const charge of store.charges.values()) {
        if (charge.status !== "succeeded") continue;
        const invoice = charge.invoice ? store.invoices.get(charge.invoice) : undefined;
        const payment: EmulatedPayment = {
          chargeId: charge.id,
          customerId: charge.customer,
          amount: charge.amount,
          amountRefunded: charge.amount_refunded,
          currency: charge.currency,
          created: charge.created,
          refunded: charge.refunded,
          disputed: charge.disputed,
        };
        if (charge.payment_intent) payment.paymentIntentId = charge.payment_intent;
        if (invoice) {
          payment.invoiceId = invoice.id;
          payment.subscriptionId = invoice.parent.subscription_details.subscription;
        }
        const sessionId = store.chargeSessions.get(charge.id);
        if (sessionId) payment.checkoutSessionId = sessionId;
        out.push(payment);
      }
      return out;
    },
    events() {
      return snapshot([...store.events.values()]) as unknown as Stripe.Event[];
    },
    deliveries() {
      return running.dispatcher.deliveries();
    },
  };
}

function assertWebhookUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Invalid webhook URL: ${url}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`Invalid webhook URL (http or https only): ${url}`);
}
