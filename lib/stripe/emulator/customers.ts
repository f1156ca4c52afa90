import { resourceMissing } from "./errors";
import { expandObject } from "./expand";
import { newId, nowSeconds } from "./ids";
import { buildCustomer } from "./objects";
import { applyMetadata, expand, listParams, metadata, nullableStr, object, parseParams, rangeFilter, str } from "./params";
import type { EmulatorState, Route } from "./state";
import { inRange, paginate } from "./store";
import type { CustomerRecord, PortalSessionRecord } from "./types";
import { checkEmail, checkUrl } from "./validate";

const customerCreate = object({
  email: str({ max: 512 }).optional(),
  name: str({ max: 256 }).optional(),
  description: str({ max: 350 }).optional(),
  phone: str({ max: 20 }).optional(),
  metadata: metadata().optional(),
  expand,
});

const customerUpdate = object({
  email: nullableStr({ max: 512 }).optional(),
  name: nullableStr({ max: 256 }).optional(),
  description: nullableStr({ max: 350 }).optional(),
  phone: nullableStr({ max: 20 }).optional(),
  metadata: metadata().optional(),
  expand,
});

const customerList = object({ ...listParams, email: str({ max: 512 }).optional(), created: rangeFilter });

const portalCreate = object({
  customer: str(),
  return_url: str({ max: 5000 }).optional(),
  locale: str().optional(),
  configuration: str().optional(),
  expand,
});

export function getCustomer(state: EmulatorState, id: string, param = "id", status = 404): CustomerRecord {
  const customer = state.store.customers.get(id);
  if (!customer) throw resourceMissing("customer", id, param, status);
  return customer;
}

export const customerRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/customers",
    handler: (state, { params }) => {
      const p = parseParams(customerCreate, params);
      if (p.email !== undefined) checkEmail(p.email, "email");
      const customer = buildCustomer({ ...p, metadata: applyMetadata(undefined, p.metadata) });
      state.store.customers.set(customer.id, customer);
      return expandObject(state.store, customer, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(object({ expand }), params);
      return expandObject(state.store, getCustomer(state, pathParams.id ?? ""), p.expand);
    },
  },
  {
    method: "POST",
    pattern: "/v1/customers/:id",
    handler: (state, { params, pathParams }) => {
      const customer = getCustomer(state, pathParams.id ?? "");
      const p = parseParams(customerUpdate, params);
      if (p.email) checkEmail(p.email, "email");
      if (p.email !== undefined) customer.email = p.email;
      if (p.name !== undefined) customer.name = p.name;
      if (p.description !== undefined) customer.description = p.description;
      if (p.phone !== undefined) customer.phone = p.phone;
      customer.metadata = applyMetadata(customer.metadata, p.metadata);
      return expandObject(state.store, customer, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/customers",
    handler: (state, { params }) => {
      const p = parseParams(customerList, params);
      const list = paginate(
        state.store.customers.values(),
        (c) => (p.email === undefined || c.email === p.email) && inRange(c.created, p.created),
        p,
        "/v1/customers",
        "customer",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
  {
    method: "POST",
    pattern: "/v1/billing_portal/sessions",
    handler: (state, { params }) => {
      const p = parseParams(portalCreate, params);
      const customer = getCustomer(state, p.customer, "customer", 400);
      if (p.return_url !== undefined) checkUrl(p.return_url, "return_url");
      const id = newId("bps");
      const session: PortalSessionRecord = {
        id,
        object: "billing_portal.session",
        configuration: p.configuration ?? "bpc_emulator_default",
        created: nowSeconds(),
        customer: customer.id,
        flow: null,
        livemode: false,
        locale: p.locale ?? null,
        on_behalf_of: null,
        return_url: p.return_url ?? null,
        url: `${state.publicUrl}/portal/${id}`,
      };
      state.store.portalSessions.set(id, session);
      return expandObject(state.store, session, p.expand);
    },
  },
];
