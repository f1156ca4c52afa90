import { billingRoutes } from "./billing";
import { catalogRoutes } from "./catalog";
import { checkoutRoutes } from "./checkout";
import { customerRoutes } from "./customers";
import { exclusiveParameters, resourceMissing } from "./errors";
import { expandObject } from "./expand";
import { arrayOf, expand, listParams, object, parseParams, rangeFilter, str } from "./params";
import type { Route } from "./state";
import { inRange, paginate } from "./store";

const eventList = object({
  ...listParams,
  type: str().optional(),
  types: arrayOf(str()).optional(),
  created: rangeFilter,
});

/** `charge.*` style patterns, as Stripe accepts for `type`. */
function typeMatches(pattern: string, type: string): boolean {
  return pattern.endsWith(".*") ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

const eventRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/events",
    handler: (state, { params }) => {
      const p = parseParams(eventList, params);
      if (p.type !== undefined && p.types !== undefined) throw exclusiveParameters("type", "types");
      const types = p.types ?? (p.type !== undefined ? [p.type] : undefined);
      const list = paginate(
        state.store.events.values(),
        (e) => (types === undefined || types.some((t) => typeMatches(t, e.type))) && inRange(e.created, p.created),
        p,
        "/v1/events",
        "event",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/events/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(object({ expand }), params);
      const event = state.store.events.get(pathParams.id ?? "");
      if (!event) throw resourceMissing("event", pathParams.id ?? "");
      return expandObject(state.store, event, p.expand);
    },
  },
];

export const apiRoutes: Route[] = [...catalogRoutes, ...customerRoutes, ...checkoutRoutes, ...billingRoutes, ...eventRoutes];

export type RouteMatch<R extends { pattern: string }> = { route: R; pathParams: Record<string, string> };

/** Matches `/v1/products/:id`-style patterns. Path segments are percent-decoded. */
export function matchRoute<R extends { method: string; pattern: string }>(routes: readonly R[], method: string, path: string): RouteMatch<R> | null {
  const segments = path.split("/");
  for (const route of routes) {
    if (route.method !== method) continue;
    const parts = route.pattern.split("/");
    if (parts.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i] ?? "";
      const segment = segments[i] ?? "";
      if (part.startsWith(":")) {
        if (segment === "") ok = false;
        else {
          try {
            pathParams[part.slice(1)] = decodeURIComponent(segment);
          } catch {
            ok = false;
          }
        }
      } else if (part !== segment) {
        ok = false;
      }
    }
    if (ok) return { route, pathParams };
  }
  return null;
}
