import { z } from "zod";
import { parameterMissing } from "./errors";
import { expandObject } from "./expand";
import { cancelSubscriptionNow, createRefund, getSubscription, updateSubscription } from "./billing";
import { applyMetadata, arrayOf, bool, enumOf, expand, int, metadata, nullableStr, object, parseParams, str } from "./params";
import type { Route } from "./state";
import type { SubscriptionRecord } from "./types";

const PAUSE_BEHAVIORS = ["keep_as_draft", "mark_uncollectible", "void"] as const;

const subscriptionUpdate = object({
  cancel_at_period_end: bool().optional(),
  // Stripe's way to clear an object parameter is an empty string.
  pause_collection: z.union([z.literal(""), object({ behavior: enumOf(PAUSE_BEHAVIORS), resumes_at: int({ min: 1 }).optional() })]).optional(),
  items: arrayOf(
    object({
      id: str().optional(),
      price_data: object({
        currency: str(),
        product: str(),
        unit_amount: int({ min: 1, max: 99_999_999 }),
        recurring: object({ interval: enumOf(["day", "week", "month", "year"]), interval_count: int({ min: 1 }).optional() }),
      }).optional(),
      quantity: int({ min: 1, max: 999_999 }).optional(),
    }),
  ).optional(),
  metadata: metadata().optional(),
  description: nullableStr({ max: 500 }).optional(),
  cancellation_details: object({
    comment: nullableStr({ max: 5000 }).optional(),
    feedback: enumOf(["", "customer_service", "low_quality", "missing_features", "other", "switched_service", "too_complex", "too_expensive", "unused"]).optional(),
  }).optional(),
  proration_behavior: enumOf(["always_invoice", "create_prorations", "none"]).optional(),
  expand,
});

const subscriptionCancel = object({
  invoice_now: bool().optional(),
  prorate: bool().optional(),
  cancellation_details: subscriptionUpdate.shape.cancellation_details,
  expand,
});

const refundCreate = object({
  charge: str().optional(),
  payment_intent: str().optional(),
  amount: int({ min: 1 }).optional(),
  reason: enumOf(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
  metadata: metadata().optional(),
  expand,
});

function feedbackValue(value: string | undefined): SubscriptionRecord["cancellation_details"]["feedback"] | undefined {
  if (value === undefined) return undefined;
  return value === "" ? null : (value as NonNullable<SubscriptionRecord["cancellation_details"]["feedback"]>);
}

export const billingRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/v1/subscriptions/:id",
    handler: (state, { params, pathParams, ctx }) => {
      const subscription = getSubscription(state, pathParams.id ?? "");
      const p = parseParams(subscriptionUpdate, params);
      updateSubscription(
        state,
        subscription,
        {
          cancelAtPeriodEnd: p.cancel_at_period_end,
          metadata: p.metadata,
          description: p.description,
          comment: p.cancellation_details?.comment,
          feedback: feedbackValue(p.cancellation_details?.feedback),
          pauseCollection: p.pause_collection === undefined ? undefined : p.pause_collection === "" ? null : { behavior: p.pause_collection.behavior, resumes_at: p.pause_collection.resumes_at ?? null },
          items: p.items,
        },
        ctx,
      );
      return expandObject(state.store, subscription, p.expand);
    },
  },
  {
    method: "DELETE",
    pattern: "/v1/subscriptions/:id",
    handler: (state, { params, pathParams, ctx }) => {
      const subscription = getSubscription(state, pathParams.id ?? "");
      const p = parseParams(subscriptionCancel, params);
      const details = subscription.cancellation_details;
      if (p.cancellation_details?.comment !== undefined) details.comment = p.cancellation_details.comment;
      const feedback = feedbackValue(p.cancellation_details?.feedback);
      if (feedback !== undefined) details.feedback = feedback;
      cancelSubscriptionNow(state, subscription, ctx);
      return expandObject(state.store, subscription, p.expand);
    },
  },
  {
    method: "POST",
    pattern: "/v1/refunds",
    handler: (state, { params, ctx }) => {
      const p = parseParams(refundCreate, params);
      if (p.charge === undefined && p.payment_intent === undefined) throw parameterMissing("charge");
      const refund = createRefund(
        state,
        { chargeId: p.charge, paymentIntentId: p.payment_intent, amount: p.amount, reason: p.reason, metadata: applyMetadata(undefined, p.metadata) },
        ctx,
      );
      return expandObject(state.store, refund, p.expand);
    },
  },
];
