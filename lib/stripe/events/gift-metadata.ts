import type Stripe from "stripe";
import type { SubscriptionState } from "@/db/donations";
import { FREQUENCIES, PLACEMENTS, type Frequency } from "@/lib/donations/config";
import { readReminderId } from "@/lib/donations/gift";
import { idOf } from "../client";

export type GiftMetadata = {
  frequency: Frequency | null;
  feeAmount: number;
  coverFees: boolean;
  placement: string | null;
  sourcePath: string | null;
  sourceSlug: string | null;
  campaign: string | null;
  reminderId: number | null;
};

const nonEmpty = (v: string | undefined) => (v ? v : null);
const integer = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : 0);

/** Reads what the checkout action put in the metadata; anything else (a dashboard payment) reads as empty. */
export function readGiftMetadata(metadata: Stripe.Metadata | null | undefined): GiftMetadata {
  const m = metadata ?? {};
  return {
    frequency: (FREQUENCIES as readonly string[]).includes(m.frequency ?? "") ? (m.frequency as Frequency) : null,
    feeAmount: integer(m.fee_amount),
    coverFees: m.cover_fees === "true",
    placement: (PLACEMENTS as readonly string[]).includes(m.placement ?? "") ? (m.placement as string) : null,
    sourcePath: nonEmpty(m.source_path),
    sourceSlug: nonEmpty(m.source_slug),
    campaign: nonEmpty(m.campaign),
    reminderId: readReminderId(m.reminder_id),
  };
}

export const fromUnix = (seconds: number | null | undefined): Date | null => (seconds ? new Date(seconds * 1000) : null);

export function subscriptionState(sub: Stripe.Subscription): SubscriptionState {
  const item = sub.items.data[0];
  const meta = readGiftMetadata(sub.metadata);
  const interval = item?.price.recurring?.interval;
  return {
    stripeSubscriptionId: sub.id,
    stripeCustomerId: idOf(sub.customer) ?? "",
    status: sub.status,
    frequency: interval === "year" ? "annual" : meta.frequency === "annual" ? "annual" : "monthly",
    amount: (item?.price.unit_amount ?? 0) * (item?.quantity ?? 1),
    currency: item?.price.currency ?? sub.currency,
    coverFees: meta.coverFees,
    placement: meta.placement,
    sourceSlug: meta.sourceSlug,
    campaign: meta.campaign,
    startedAt: fromUnix(sub.start_date),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    cancelAt: fromUnix(sub.cancel_at),
    canceledAt: fromUnix(sub.canceled_at),
    endedAt: fromUnix(sub.ended_at),
    pauseBehavior: sub.pause_collection?.behavior ?? null,
    pauseResumesAt: fromUnix(sub.pause_collection?.resumes_at),
  };
}
