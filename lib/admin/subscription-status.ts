import { formatUtcDate, subscriptionStatusLabel } from "./format";

type SubscriptionFacts = {
  status: string;
  cancelAtPeriodEnd: boolean;
  cancelAt: Date | null;
  canceledAt: Date | null;
  endedAt: Date | null;
  currentPeriodEnd: Date | null;
  pauseBehavior: string | null;
  pauseResumesAt: Date | null;
};

/**
 * One status for a recurring gift, from Stripe's several fields: ended ("cancelled"), a
 * cancellation scheduled but not yet happened ("ending": still collecting until then), collection
 * paused, or Stripe's own status. `renewal` says what happens next.
 */
export function describeSubscription(s: SubscriptionFacts): { status: string; detail: string | null; renewal: string } {
  if (s.status === "canceled") {
    const ended = s.endedAt ?? s.canceledAt;
    return { status: "cancelled", detail: ended ? `ended ${formatUtcDate(ended)}` : null, renewal: ended ? `ended ${formatUtcDate(ended)}` : "ended" };
  }
  const endsAt = s.cancelAt ?? (s.cancelAtPeriodEnd ? s.currentPeriodEnd : null);
  if (s.cancelAtPeriodEnd || s.cancelAt) {
    return {
      status: "ending",
      detail: `${subscriptionStatusLabel(s.status)} until ${endsAt ? formatUtcDate(endsAt) : "the end of the period"}${s.canceledAt ? `; cancellation asked for ${formatUtcDate(s.canceledAt)}` : ""}`,
      renewal: endsAt ? `ends ${formatUtcDate(endsAt)}` : "ends at the end of the period",
    };
  }
  if (s.pauseBehavior) {
    return {
      status: "paused",
      detail: `collection paused${s.pauseResumesAt ? ` until ${formatUtcDate(s.pauseResumesAt)}` : ""}`,
      renewal: s.pauseResumesAt ? `resumes ${formatUtcDate(s.pauseResumesAt)}` : "paused",
    };
  }
  return { status: subscriptionStatusLabel(s.status), detail: null, renewal: s.currentPeriodEnd ? `renews ${formatUtcDate(s.currentPeriodEnd)}` : "—" };
}
