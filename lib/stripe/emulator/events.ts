import { newId, nowSeconds } from "./ids";
import { snapshot, type Store } from "./store";
import type { EventRecord } from "./types";

/** The API version the emulator's objects follow, as Stripe writes it on events. */
export const API_VERSION = "2026-10-28.endive";

/**
 * Collects the events one operation produces, so the caller can deliver exactly those,
 * in order. `request` is set for events caused by an API call, null for ones caused by
 * the hosted pages or the control endpoints (as Stripe does for dashboard actions).
 */
export type EmitContext = {
  request: { id: string | null; idempotency_key: string | null };
  emitted: EventRecord[];
};

export function emitContext(requestId: string | null = null, idempotencyKey: string | null = null): EmitContext {
  return { request: { id: requestId, idempotency_key: idempotencyKey }, emitted: [] };
}

export function emit(
  store: Store,
  ctx: EmitContext,
  type: string,
  object: { id: string },
  previousAttributes?: Record<string, unknown>,
): EventRecord {
  const event: EventRecord = {
    id: newId("evt"),
    object: "event",
    api_version: API_VERSION,
    created: nowSeconds(),
    data: previousAttributes
      ? { object: snapshot(object) as Record<string, unknown>, previous_attributes: snapshot(previousAttributes) }
      : { object: snapshot(object) as Record<string, unknown> },
    livemode: false,
    pending_webhooks: 1,
    request: { ...ctx.request },
    type,
  };
  store.events.set(event.id, event);
  ctx.emitted.push(event);
  return event;
}
