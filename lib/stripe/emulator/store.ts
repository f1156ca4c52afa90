import { resourceMissing } from "./errors";
import type { RangeFilter } from "./params";
import type {
  ChargeRecord,
  CheckoutSessionExtras,
  CheckoutSessionRecord,
  CustomerRecord,
  DisputeRecord,
  EventRecord,
  InvoiceRecord,
  ListObject,
  PaymentIntentRecord,
  PaymentMethodRecord,
  PortalSessionRecord,
  PriceRecord,
  ProductRecord,
  RefundRecord,
  StoredObject,
  SubscriptionRecord,
} from "./types";

/** Everything one emulator instance knows. Maps keep insertion order, which is creation order. */
export class Store {
  readonly products = new Map<string, ProductRecord>();
  readonly prices = new Map<string, PriceRecord>();
  readonly customers = new Map<string, CustomerRecord>();
  readonly sessions = new Map<string, CheckoutSessionRecord>();
  readonly sessionExtras = new Map<string, CheckoutSessionExtras>();
  readonly paymentMethods = new Map<string, PaymentMethodRecord>();
  readonly paymentIntents = new Map<string, PaymentIntentRecord>();
  readonly charges = new Map<string, ChargeRecord>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly invoices = new Map<string, InvoiceRecord>();
  readonly refunds = new Map<string, RefundRecord>();
  readonly disputes = new Map<string, DisputeRecord>();
  readonly portalSessions = new Map<string, PortalSessionRecord>();
  readonly events = new Map<string, EventRecord>();
  /** charge id → checkout session id, for the payments ledger. */
  readonly chargeSessions = new Map<string, string>();
  invoiceCounter = 0;

  /** Finds any stored object by id, using Stripe's id prefixes. */
  byId(id: string): StoredObject | undefined {
    const prefix = id.slice(0, id.indexOf("_") + 1);
    switch (prefix) {
      case "prod_":
        return this.products.get(id);
      case "price_":
        return this.prices.get(id);
      case "cus_":
        return this.customers.get(id);
      case "cs_":
        return this.sessions.get(id);
      case "pm_":
        return this.paymentMethods.get(id);
      case "pi_":
        return this.paymentIntents.get(id);
      case "ch_":
        return this.charges.get(id);
      case "sub_":
        return this.subscriptions.get(id);
      case "in_":
        return this.invoices.get(id);
      case "re_":
        return this.refunds.get(id);
      case "dp_":
        return this.disputes.get(id);
      case "bps_":
        return this.portalSessions.get(id);
      case "evt_":
        return this.events.get(id);
      default:
        // Products may have caller-chosen ids without a prefix.
        return this.products.get(id);
    }
  }
}

export type PageParams = { limit?: number | undefined; starting_after?: string | undefined; ending_before?: string | undefined };

/**
 * Stripe list semantics: newest first, `limit` (default 10), cursors by object id
 * (`starting_after` pages towards older objects, `ending_before` towards newer ones).
 * Cursors are looked up in the unfiltered collection, as Stripe does.
 */
export function paginate<T extends { id: string }>(
  collection: Iterable<T>,
  matches: (item: T) => boolean,
  page: PageParams,
  url: string,
  noun: string,
): ListObject<T> {
  const newestFirst = [...collection].reverse();
  const limit = page.limit ?? 10;
  let candidates: T[];
  let fromEnd = false;
  if (page.starting_after !== undefined || page.ending_before !== undefined) {
    const cursorParam = page.starting_after !== undefined ? "starting_after" : "ending_before";
    const cursor = page.starting_after ?? page.ending_before ?? "";
    const index = newestFirst.findIndex((item) => item.id === cursor);
    if (index === -1) throw resourceMissing(noun, cursor, cursorParam, 400);
    if (cursorParam === "starting_after") {
      candidates = newestFirst.slice(index + 1).filter(matches);
    } else {
      candidates = newestFirst.slice(0, index).filter(matches);
      fromEnd = true;
    }
  } else {
    candidates = newestFirst.filter(matches);
  }
  const data = fromEnd ? candidates.slice(Math.max(0, candidates.length - limit)) : candidates.slice(0, limit);
  return { object: "list", data, has_more: candidates.length > limit, url };
}

export function inRange(value: number, range: RangeFilter): boolean {
  if (range === undefined) return true;
  if (typeof range === "number") return value === range;
  if (range.gt !== undefined && !(value > range.gt)) return false;
  if (range.gte !== undefined && !(value >= range.gte)) return false;
  if (range.lt !== undefined && !(value < range.lt)) return false;
  if (range.lte !== undefined && !(value <= range.lte)) return false;
  return true;
}

/** A deep, JSON-faithful copy: what a webhook or response would carry at this moment. */
export function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
