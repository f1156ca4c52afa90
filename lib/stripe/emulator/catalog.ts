import type { z } from "zod";
import { invalidRequest, resourceMissing } from "./errors";
import { expandObject } from "./expand";
import { buildProduct } from "./objects";
import { applyMetadata, arrayOf, bool, expand, metadata, object, parseParams, str } from "./params";
import type { EmulatorState, Route } from "./state";
import type { Interval, PriceRecord, ProductRecord } from "./types";
import { checkStatementDescriptor, checkUrl } from "./validate";

const productCreate = object({
  id: str({ max: 255 }).optional(),
  name: str({ max: 250 }),
  description: str({ max: 40_000 }).optional(),
  metadata: metadata().optional(),
  statement_descriptor: str({ max: 22 }).optional(),
  active: bool().optional(),
  url: str({ max: 5000 }).optional(),
  images: arrayOf(str({ max: 2048 })).optional(),
  unit_label: str({ max: 12 }).optional(),
  expand,
});


export const productDataParams = object({
  name: str({ max: 250 }),
  description: str({ max: 40_000 }).optional(),
  metadata: metadata().optional(),
  statement_descriptor: str({ max: 22 }).optional(),
  unit_label: str({ max: 12 }).optional(),
  images: arrayOf(str({ max: 2048 })).optional(),
});

const MAX_INTERVAL_COUNT: Record<Interval, number> = { day: 365, week: 52, month: 12, year: 1 };

export function checkRecurring(interval: Interval, count: number, param: string): void {
  if (count > MAX_INTERVAL_COUNT[interval]) {
    throw invalidRequest(`Invalid ${param}[interval_count]: the maximum billing period is one year (1 year, 12 months, 52 weeks or 365 days).`, {
      param: `${param}[interval_count]`,
    });
  }
}

/** Creates a product from `product_data` (prices, inline checkout prices). */
export function createProductFromData(state: EmulatorState, data: z.output<typeof productDataParams>, param: string): ProductRecord {
  if (data.statement_descriptor !== undefined) checkStatementDescriptor(data.statement_descriptor, `${param}[statement_descriptor]`, "full");
  const product = buildProduct({
    name: data.name,
    description: data.description,
    metadata: applyMetadata(undefined, data.metadata),
    statementDescriptor: data.statement_descriptor,
    unitLabel: data.unit_label,
    images: data.images,
  });
  state.store.products.set(product.id, product);
  return product;
}

export function getProduct(state: EmulatorState, id: string, param = "id", status = 404): ProductRecord {
  const product = state.store.products.get(id);
  if (!product) throw resourceMissing("product", id, param, status);
  return product;
}

export function getPrice(state: EmulatorState, id: string, param = "id", status = 404): PriceRecord {
  const price = state.store.prices.get(id);
  if (!price) throw resourceMissing("price", id, param, status);
  return price;
}

export const catalogRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/products",
    handler: (state, { params }) => {
      const p = parseParams(productCreate, params);
      if (p.id !== undefined) {
        if (!/^[A-Za-z0-9_-]+$/.test(p.id)) {
          throw invalidRequest("Invalid id: may only contain letters, numbers, hyphens and underscores.", { param: "id" });
        }
        if (state.store.products.has(p.id)) {
          throw invalidRequest("Product already exists.", { param: "id", code: "resource_already_exists" });
        }
      }
      if (p.statement_descriptor !== undefined) checkStatementDescriptor(p.statement_descriptor, "statement_descriptor", "full");
      if (p.url !== undefined) checkUrl(p.url, "url");
      const product = buildProduct({
        id: p.id,
        name: p.name,
        description: p.description,
        metadata: applyMetadata(undefined, p.metadata),
        statementDescriptor: p.statement_descriptor,
        active: p.active,
        url: p.url,
        images: p.images,
        unitLabel: p.unit_label,
      });
      state.store.products.set(product.id, product);
      return expandObject(state.store, product, p.expand);
    },
  },
];
