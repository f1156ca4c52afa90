import { invalidRequest } from "./errors";
import { paginate, snapshot, type Store } from "./store";

const MAX_EXPAND_DEPTH = 4;

/** Fields that are not ids but lists Stripe only includes when expanded. */
const includable: Record<string, Record<string, (store: Store, owner: Record<string, unknown>) => unknown>> = {
  "checkout.session": {
    line_items: (store, owner) => {
      const id = String(owner.id);
      const items = store.sessionExtras.get(id)?.lineItems ?? [];
      return { object: "list", data: snapshot(items), has_more: false, url: `/v1/checkout/sessions/${id}/line_items` };
    },
  },
  charge: {
    refunds: (store, owner) => {
      const id = String(owner.id);
      return paginate(store.refunds.values(), (r) => r.charge === id, { limit: 100 }, `/v1/charges/${id}/refunds`, "refund");
    },
  },
};

/**
 * Applies `expand[]` paths (`customer`, `subscription.latest_invoice`, `data.customer` on lists)
 * to a copy of `value`, replacing ids by the objects they name.
 */
export function expandObject(store: Store, value: unknown, paths: readonly string[] | undefined): unknown {
  const copy = snapshot(value);
  for (const path of paths ?? []) {
    const segments = path.split(".");
    if (segments.length > MAX_EXPAND_DEPTH + (isList(copy) ? 1 : 0)) {
      throw invalidRequest(`You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`, { param: "expand" });
    }
    apply(store, copy, segments);
  }
  return copy;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isList(v: unknown): v is { object: "list"; data: unknown[] } {
  return isRecord(v) && v.object === "list" && Array.isArray(v.data);
}

function apply(store: Store, target: unknown, segments: string[]): void {
  const [field, ...rest] = segments;
  if (field === undefined) return;
  if (isList(target) && field === "data") {
    for (const item of target.data) apply(store, item, rest);
    return;
  }
  if (!isRecord(target)) return;
  const include = includable[String(target.object)]?.[field];
  let value = target[field];
  if (include && (value === undefined || value === null)) {
    value = include(store, target);
    target[field] = value;
  } else if (typeof value === "string") {
    const found = store.byId(value);
    if (found) {
      value = snapshot(found);
      target[field] = value;
    } else if (!/^[a-z]+_/.test(value)) {
      throw invalidRequest(`This property cannot be expanded (${field}).`, { param: "expand" });
    }
  } else if (value === undefined || (value !== null && !isRecord(value))) {
    throw invalidRequest(`This property cannot be expanded (${field}).`, { param: "expand" });
  }
  if (rest.length > 0 && value !== null) apply(store, value, rest);
}
