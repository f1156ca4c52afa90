import { resourceMissing } from "./errors";
import { expandObject } from "./expand";
import { buildCustomer, buildPortalSession } from "./objects";
import { applyMetadata, expand, metadata, object, parseParams, str } from "./params";
import type { EmulatorState, Route } from "./state";
import type { CustomerRecord } from "./types";
import { checkEmail, checkUrl } from "./validate";

const customerCreate = object({
  email: str({ max: 512 }).optional(),
  name: str({ max: 256 }).optional(),
  description: str({ max: 350 }).optional(),
  phone: str({ max: 20 }).optional(),
  metadata: metadata().optional(),
  expand,
});


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
    method: "POST",
    pattern: "/v1/billing_portal/sessions",
    handler: (state, { params }) => {
      const p = parseParams(portalCreate, params);
      const customer = getCustomer(state, p.customer, "customer", 400);
      if (p.return_url !== undefined) checkUrl(p.return_url, "return_url");
      const session = buildPortalSession({ customer: customer.id, returnUrl: p.return_url ?? null, locale: p.locale ?? null, configuration: p.configuration ?? null, publicUrl: state.publicUrl });
      state.store.portalSessions.set(session.id, session);
      return expandObject(state.store, session, p.expand);
    },
  },
];
