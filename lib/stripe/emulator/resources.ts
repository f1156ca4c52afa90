import type { z } from "zod";
import { refreshExpiry } from "./checkout";
import { exclusiveParameters, resourceMissing } from "./errors";
import type { EmitContext } from "./events";
import { expandObject } from "./expand";
import { arrayOf, bool, enumOf, expand, listParams, object, parseParams, rangeFilter, str } from "./params";
import type { EmulatorState, Route } from "./state";
import { inRange, paginate, type Store } from "./store";

type Row = { id: string; created: number };

/** A list filter: its parameter's schema, and whether a record passes for a given value. */
type Filter<R> = {
  param: z.ZodType;
  matches: (record: R, value: never) => boolean;
  /** Which records show when the parameter is not sent, when that is not all of them. */
  absent?: (record: R) => boolean;
};

type Resource<R extends Row> = {
  /** `/v1/charges`: answers `GET /v1/charges/:id` and `GET /v1/charges`. */
  path: string;
  /** The noun in "No such …" errors and in list cursors. */
  noun: string;
  records: (store: Store) => Map<string, R>;
  /** The parameter a missing id is blamed on (Stripe says `intent` for payment intents). */
  idParam?: string;
  /** `?customer=cus_…`-style filters: the parameter name, and the record's value it must equal. */
  equal?: Record<string, (record: R) => string | null>;
  filters?: Record<string, Filter<R>>;
  /** Runs on a record before it is shown: checkout sessions past `expires_at` expire when next looked at. */
  refresh?: (state: EmulatorState, record: R, ctx: EmitContext) => void;
  /** Parameter checks a schema cannot express. */
  check?: (params: Record<string, unknown>) => void;
};

/**
 * Every retrieve and list route, generated from one table instead of a hand copy per resource (the
 * shape of localstripe's CRUD loop). Writes stay hand-written beside the engine they drive.
 */
function readRoutes<R extends Row>(resource: Resource<R>): Route[] {
  const equal = Object.entries(resource.equal ?? {});
  const filters = Object.entries(resource.filters ?? {});
  const listSchema = object({
    ...listParams,
    created: rangeFilter,
    ...Object.fromEntries(equal.map(([name]) => [name, str().optional()])),
    ...Object.fromEntries(filters.map(([name, filter]) => [name, filter.param.optional()])),
  });
  const retrieveSchema = object({ expand });
  return [
    {
      method: "GET",
      pattern: `${resource.path}/:id`,
      handler: (state, { params, pathParams, ctx }) => {
        const p = parseParams(retrieveSchema, params);
        const id = pathParams.id ?? "";
        const record = resource.records(state.store).get(id);
        if (!record) throw resourceMissing(resource.noun, id, resource.idParam);
        resource.refresh?.(state, record, ctx);
        return expandObject(state.store, record, p.expand);
      },
    },
    {
      method: "GET",
      pattern: resource.path,
      handler: (state, { params, ctx }) => {
        const p = parseParams(listSchema, params) as Record<string, unknown> & z.output<typeof listSchema>;
        resource.check?.(p);
        if (resource.refresh) for (const record of resource.records(state.store).values()) resource.refresh(state, record, ctx);
        const list = paginate(
          resource.records(state.store).values(),
          (record) =>
            inRange(record.created, p.created) &&
            equal.every(([name, value]) => p[name] === undefined || value(record) === p[name]) &&
            filters.every(([name, filter]) => (p[name] === undefined ? (filter.absent?.(record) ?? true) : filter.matches(record, p[name] as never))),
          p,
          resource.path,
          resource.noun,
        );
        return expandObject(state.store, list, p.expand);
      },
    },
  ];
}

/** `charge.*` style patterns, as Stripe accepts for `type`. */
function typeMatches(pattern: string, type: string): boolean {
  return pattern.endsWith(".*") ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

const SUBSCRIPTION_STATUSES = ["active", "all", "canceled", "ended", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"] as const;

/** Every resource the app reads, listed once. */
export const resourceRoutes: Route[] = [
  readRoutes({
    path: "/v1/products",
    noun: "product",
    records: (store) => store.products,
    filters: {
      active: { param: bool(), matches: (product, active: boolean) => product.active === active },
      ids: { param: arrayOf(str()), matches: (product, ids: string[]) => ids.includes(product.id) },
    },
  }),
  readRoutes({ path: "/v1/customers", noun: "customer", records: (store) => store.customers, equal: { email: (customer) => customer.email } }),
  readRoutes({
    path: "/v1/checkout/sessions",
    noun: "checkout.session",
    records: (store) => store.sessions,
    equal: { customer: (s) => s.customer, payment_intent: (s) => s.payment_intent, subscription: (s) => s.subscription },
    filters: { status: { param: enumOf(["open", "complete", "expired"]), matches: (s, status: string) => s.status === status } },
    refresh: refreshExpiry,
  }),
  readRoutes({
    path: "/v1/subscriptions",
    noun: "subscription",
    records: (store) => store.subscriptions,
    equal: { customer: (s) => s.customer },
    filters: {
      price: { param: str(), matches: (s, price: string) => s.items.data.some((item) => item.price.id === price) },
      status: {
        param: enumOf(SUBSCRIPTION_STATUSES),
        matches: (s, status: (typeof SUBSCRIPTION_STATUSES)[number]) => status === "all" || (status === "ended" ? s.ended_at !== null : s.status === status),
        absent: (s) => s.status !== "canceled" && s.status !== "incomplete_expired",
      },
    },
  }),
  readRoutes({
    path: "/v1/invoices",
    noun: "invoice",
    records: (store) => store.invoices,
    equal: { customer: (i) => i.customer, subscription: (i) => i.parent.subscription_details.subscription, collection_method: (i) => i.collection_method },
    filters: { status: { param: enumOf(["draft", "open", "paid", "uncollectible", "void"]), matches: (i, status: string) => i.status === status } },
  }),
  readRoutes({ path: "/v1/charges", noun: "charge", records: (store) => store.charges, equal: { customer: (c) => c.customer, payment_intent: (c) => c.payment_intent } }),
  readRoutes({ path: "/v1/refunds", noun: "refund", records: (store) => store.refunds, equal: { charge: (r) => r.charge, payment_intent: (r) => r.payment_intent } }),
  readRoutes({
    path: "/v1/events",
    noun: "event",
    records: (store) => store.events,
    filters: {
      type: { param: str(), matches: (e, type: string) => typeMatches(type, e.type) },
      types: { param: arrayOf(str()), matches: (e, types: string[]) => types.some((t) => typeMatches(t, e.type)) },
    },
    check: (p) => {
      if (p.type !== undefined && p.types !== undefined) throw exclusiveParameters("type", "types");
    },
  }),
].flat();
