import type { z } from "zod";
import { exclusiveParameters, invalidRequest, parameterMissing, resourceMissing } from "./errors";
import { expandObject } from "./expand";
import { nowSeconds } from "./ids";
import { MAX_AMOUNT } from "./money";
import { buildPrice, buildProduct } from "./objects";
import { applyMetadata, arrayOf, bool, enumOf, expand, int, listParams, metadata, nullableStr, object, parseParams, rangeFilter, str } from "./params";
import type { EmulatorState, Route } from "./state";
import { inRange, paginate } from "./store";
import type { Interval, PriceRecord, ProductRecord } from "./types";
import { checkCurrency, checkStatementDescriptor, checkUrl } from "./validate";

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

const productUpdate = object({
  name: str({ max: 250 }).optional(),
  description: nullableStr({ max: 40_000 }).optional(),
  metadata: metadata().optional(),
  statement_descriptor: nullableStr({ max: 22 }).optional(),
  active: bool().optional(),
  url: nullableStr({ max: 5000 }).optional(),
  images: arrayOf(str({ max: 2048 })).optional(),
  unit_label: nullableStr({ max: 12 }).optional(),
  expand,
});

const productList = object({
  ...listParams,
  active: bool().optional(),
  ids: arrayOf(str()).optional(),
  created: rangeFilter,
});

const retrieveParams = object({ expand });

const recurringParams = object({
  interval: enumOf(["day", "week", "month", "year"]),
  interval_count: int({ min: 1 }).optional(),
  usage_type: enumOf(["licensed"]).optional(),
});

export const productDataParams = object({
  name: str({ max: 250 }),
  description: str({ max: 40_000 }).optional(),
  metadata: metadata().optional(),
  statement_descriptor: str({ max: 22 }).optional(),
  unit_label: str({ max: 12 }).optional(),
  images: arrayOf(str({ max: 2048 })).optional(),
});

const priceCreate = object({
  currency: str(),
  unit_amount: int({ min: 0, max: MAX_AMOUNT }).optional(),
  product: str().optional(),
  product_data: productDataParams.optional(),
  recurring: recurringParams.optional(),
  lookup_key: str({ max: 200 }).optional(),
  transfer_lookup_key: bool().optional(),
  nickname: str({ max: 250 }).optional(),
  metadata: metadata().optional(),
  active: bool().optional(),
  tax_behavior: enumOf(["exclusive", "inclusive", "unspecified"]).optional(),
  expand,
});

const priceList = object({
  ...listParams,
  active: bool().optional(),
  product: str().optional(),
  currency: str().optional(),
  type: enumOf(["one_time", "recurring"]).optional(),
  lookup_keys: arrayOf(str()).optional(),
  created: rangeFilter,
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
  {
    method: "GET",
    pattern: "/v1/products/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(retrieveParams, params);
      return expandObject(state.store, getProduct(state, pathParams.id ?? ""), p.expand);
    },
  },
  {
    method: "POST",
    pattern: "/v1/products/:id",
    handler: (state, { params, pathParams }) => {
      const product = getProduct(state, pathParams.id ?? "");
      const p = parseParams(productUpdate, params);
      if (p.statement_descriptor) checkStatementDescriptor(p.statement_descriptor, "statement_descriptor", "full");
      if (p.url) checkUrl(p.url, "url");
      if (p.name !== undefined) product.name = p.name;
      if (p.description !== undefined) product.description = p.description;
      if (p.statement_descriptor !== undefined) product.statement_descriptor = p.statement_descriptor;
      if (p.active !== undefined) product.active = p.active;
      if (p.url !== undefined) product.url = p.url;
      if (p.images !== undefined) product.images = p.images;
      if (p.unit_label !== undefined) product.unit_label = p.unit_label;
      product.metadata = applyMetadata(product.metadata, p.metadata);
      product.updated = nowSeconds();
      return expandObject(state.store, product, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/products",
    handler: (state, { params }) => {
      const p = parseParams(productList, params);
      const list = paginate(
        state.store.products.values(),
        (x) => (p.active === undefined || x.active === p.active) && (p.ids === undefined || p.ids.includes(x.id)) && inRange(x.created, p.created),
        p,
        "/v1/products",
        "product",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
  {
    method: "POST",
    pattern: "/v1/prices",
    handler: (state, { params }) => {
      const p = parseParams(priceCreate, params);
      const currency = checkCurrency(p.currency, "currency");
      if (p.unit_amount === undefined) throw parameterMissing("unit_amount");
      if (p.product !== undefined && p.product_data !== undefined) throw exclusiveParameters("product", "product_data");
      if (p.recurring) checkRecurring(p.recurring.interval, p.recurring.interval_count ?? 1, "recurring");
      const existing = p.lookup_key === undefined ? undefined : [...state.store.prices.values()].find((x) => x.lookup_key === p.lookup_key);
      if (existing && !p.transfer_lookup_key) {
        throw invalidRequest(`A price (\`${existing.id}\`) already uses that lookup key.`, { param: "lookup_key" });
      }
      let productId: string;
      if (p.product !== undefined) productId = getProduct(state, p.product, "product", 400).id;
      else if (p.product_data !== undefined) productId = createProductFromData(state, p.product_data, "product_data").id;
      else throw parameterMissing("product");
      if (existing) existing.lookup_key = null;
      const price = buildPrice({
        product: productId,
        currency,
        unitAmount: p.unit_amount,
        recurring: p.recurring ? { interval: p.recurring.interval, intervalCount: p.recurring.interval_count ?? 1 } : null,
        lookupKey: p.lookup_key,
        nickname: p.nickname,
        metadata: applyMetadata(undefined, p.metadata),
        active: p.active,
      });
      state.store.prices.set(price.id, price);
      return expandObject(state.store, price, p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/prices/:id",
    handler: (state, { params, pathParams }) => {
      const p = parseParams(retrieveParams, params);
      return expandObject(state.store, getPrice(state, pathParams.id ?? ""), p.expand);
    },
  },
  {
    method: "GET",
    pattern: "/v1/prices",
    handler: (state, { params }) => {
      const p = parseParams(priceList, params);
      if (p.lookup_keys && p.lookup_keys.length > 10) {
        throw invalidRequest("Invalid array: lookup_keys must have at most 10 elements.", { param: "lookup_keys" });
      }
      const currency = p.currency?.toLowerCase();
      const list = paginate(
        state.store.prices.values(),
        (x) =>
          (p.active === undefined || x.active === p.active) &&
          (p.product === undefined || x.product === p.product) &&
          (currency === undefined || x.currency === currency) &&
          (p.type === undefined || x.type === p.type) &&
          (p.lookup_keys === undefined || (x.lookup_key !== null && p.lookup_keys.includes(x.lookup_key))) &&
          inRange(x.created, p.created),
        p,
        "/v1/prices",
        "price",
      );
      return expandObject(state.store, list, p.expand);
    },
  },
];
