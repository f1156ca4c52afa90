import { createDispute, getCharge, getSubscription, renewSubscription, retryInvoice, setCancelAtPeriodEnd } from "./billing";
import { invalidRequest, resourceMissing } from "./errors";
import type { EmitContext } from "./events";
import type { FormObject } from "./form-encoding";
import { bool, enumOf, int, object, parseParams, str } from "./params";
import type { EmulatorState } from "./state";
import type { EventRecord } from "./types";

export type FaultMode = "error500" | "timeout" | "reset";
export type Fault = { mode: FaultMode; remaining: number; paths: string | null };

/** Test-only controls under /_emulator. Each returns JSON and the events to deliver before answering. */
export type ControlResult = { status: number; body: unknown; events: EventRecord[]; resend?: EventRecord };

export type ControlHost = {
  state: EmulatorState;
  setFault(fault: Fault | null): void;
  deliveryCount(): number;
};

const renewParams = object({ fail: bool().optional() });
const silentParams = object({ cancel_at_period_end: bool() });
const disputeParams = object({ reason: str({ max: 100 }).optional() });
const ageParams = object({ seconds: int({ min: 1, max: 400 * 86_400 }) });
const faultParams = object({
  mode: enumOf(["error500", "timeout", "reset", "none"]),
  count: int({ min: 0, max: 1_000_000 }).optional(),
  paths: str({ max: 500 }).optional(),
});

type ControlRoute = { method: "GET" | "POST"; pattern: string; handler: (host: ControlHost, params: FormObject, pathParams: Record<string, string>, ctx: EmitContext) => ControlResult };

export const controlRoutes: ControlRoute[] = [
  {
    method: "POST",
    pattern: "/_emulator/subscriptions/:id/renew",
    handler: (host, params, pathParams, ctx) => {
      const p = parseParams(renewParams, params);
      const subscription = getSubscription(host.state, pathParams.id ?? "");
      const invoice = renewSubscription(host.state, subscription, p.fail ?? false, ctx);
      return { status: 200, body: { subscription, invoice }, events: ctx.emitted };
    },
  },
  {
    // A change the site never hears of, as if made where no webhook reaches or long enough ago that
    // its event has expired: the subscription changes, and no event is delivered or listed.
    method: "POST",
    pattern: "/_emulator/subscriptions/:id/change-silently",
    handler: (host, params, pathParams, ctx) => {
      const p = parseParams(silentParams, params);
      const subscription = getSubscription(host.state, pathParams.id ?? "");
      setCancelAtPeriodEnd(host.state, subscription, p.cancel_at_period_end, ctx);
      for (const event of ctx.emitted) host.state.store.events.delete(event.id);
      return { status: 200, body: subscription, events: [] };
    },
  },
  {
    // Time passing for one object: the session was created `seconds` earlier than it was.
    method: "POST",
    pattern: "/_emulator/checkout/sessions/:id/age",
    handler: (host, params, pathParams) => {
      const p = parseParams(ageParams, params);
      const session = host.state.store.sessions.get(pathParams.id ?? "");
      if (!session) throw resourceMissing("checkout.session", pathParams.id ?? "");
      session.created -= p.seconds;
      return { status: 200, body: session, events: [] };
    },
  },
  {
    method: "POST",
    pattern: "/_emulator/invoices/:id/retry",
    handler: (host, params, pathParams, ctx) => {
      const p = parseParams(renewParams, params);
      const invoice = host.state.store.invoices.get(pathParams.id ?? "");
      if (!invoice) throw resourceMissing("invoice", pathParams.id ?? "");
      return { status: 200, body: retryInvoice(host.state, invoice, p.fail ?? false, ctx), events: ctx.emitted };
    },
  },
  {
    method: "POST",
    pattern: "/_emulator/charges/:id/dispute",
    handler: (host, params, pathParams, ctx) => {
      const p = parseParams(disputeParams, params);
      const charge = getCharge(host.state, pathParams.id ?? "");
      const dispute = createDispute(host.state, charge, p.reason ?? "fraudulent", ctx);
      return { status: 200, body: dispute, events: ctx.emitted };
    },
  },
  {
    method: "POST",
    pattern: "/_emulator/events/:id/resend",
    handler: (host, params, pathParams) => {
      parseParams(object({}), params);
      const event = host.state.store.events.get(pathParams.id ?? "");
      if (!event) throw resourceMissing("event", pathParams.id ?? "");
      return { status: 200, body: { resent: event.id }, events: [], resend: event };
    },
  },
  {
    method: "POST",
    pattern: "/_emulator/faults",
    handler: (host, params) => {
      const p = parseParams(faultParams, params);
      if (p.paths !== undefined && !p.paths.startsWith("/")) throw invalidRequest("paths must be a path prefix such as /v1/checkout/sessions", { param: "paths" });
      if (p.mode === "none" || p.count === 0) {
        host.setFault(null);
        return { status: 200, body: { fault: null }, events: [] };
      }
      const fault: Fault = { mode: p.mode, remaining: p.count ?? 1, paths: p.paths ?? null };
      host.setFault(fault);
      return { status: 200, body: { fault: { mode: fault.mode, count: fault.remaining, paths: fault.paths } }, events: [] };
    },
  },
  {
    method: "GET",
    pattern: "/_emulator/state",
    handler: (host) => {
      const { store } = host.state;
      return {
        status: 200,
        body: {
          products: store.products.size,
          prices: store.prices.size,
          customers: store.customers.size,
          sessions: store.sessions.size,
          payment_intents: store.paymentIntents.size,
          charges: store.charges.size,
          refunds: store.refunds.size,
          disputes: store.disputes.size,
          subscriptions: store.subscriptions.size,
          invoices: store.invoices.size,
          events: store.events.size,
          deliveries: host.deliveryCount(),
        },
        events: [],
      };
    },
  },
];

