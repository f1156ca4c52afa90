import { billingRoutes } from "./billing-routes";
import { catalogRoutes } from "./catalog";
import { checkoutRoutes } from "./checkout";
import { customerRoutes } from "./customers";
import { resourceRoutes } from "./resources";
import type { Route } from "./state";

/** Generated reads first, then the hand-written writes. */
export const apiRoutes: Route[] = [...resourceRoutes, ...catalogRoutes, ...customerRoutes, ...checkoutRoutes, ...billingRoutes];

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
