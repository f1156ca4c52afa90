import type { Metadata } from "next";
import { IntentLink as Link } from "@/app/_components/intent-link";
import { firstParam } from "@/lib/site/search-params";
import { frequencyNoun } from "@/lib/donations/config";
import { formatMoney } from "@/lib/money";
import { logEvent } from "@/lib/log";
import { maskEmail } from "@/lib/site/format";
import { monthlyOfferPath } from "@/lib/site/paths";
import { getCheckoutSummary, type CheckoutSummary } from "@/lib/stripe/checkout";
import { ActionForm } from "@/app/_components/action-form";
import { thankYouPath } from "@/lib/site/paths";
import { manageGift } from "../actions";
import { isCheckoutSessionId } from "@/lib/stripe/ids";
import styles from "./thank-you.module.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Thank you", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<{ session_id?: string | string[]; portal?: string | string[] }> };

type Lookup = { kind: "found"; summary: CheckoutSummary } | { kind: "missing" } | { kind: "unavailable" };

/** Whatever goes wrong, the reader gets a calm page: they may just have paid. */
async function lookUp(sessionId: string | undefined): Promise<Lookup> {
  if (!isCheckoutSessionId(sessionId)) return { kind: "missing" };
  try {
    const summary = await getCheckoutSummary(sessionId);
    return summary ? { kind: "found", summary } : { kind: "missing" };
  } catch (error) {
    logEvent("error", "thank_you.lookup_failed", { error });
    return { kind: "unavailable" };
  }
}

export default async function ThankYouPage({ searchParams }: Props) {
  const params = await searchParams;
  const sessionId = firstParam(params.session_id);
  const portalUnavailable = firstParam(params.portal) === "unavailable";
  const lookup = await lookUp(sessionId);

  return (
    <div className="container">
      <div className={styles.page}>
        {portalUnavailable && (
          <p className={styles.note} role="status">
            We could not open the page to manage your gift just now. Please try again in a moment.
          </p>
        )}
        {lookup.kind === "found" && sessionId ? (
          <Found summary={lookup.summary} sessionId={sessionId} />
        ) : lookup.kind === "unavailable" ? (
          <>
            <h1 className="page-title">Thank you for coming back</h1>
            <p className="page-lede">
              We received your return from the payment page but could not confirm the payment right now. If you were charged, you will get a receipt by
              e-mail from us.
            </p>
            <p>
              <Link href="/">Go to the front page</Link>
            </p>
          </>
        ) : (
          <>
            <h1 className="page-title">We could not find that payment</h1>
            <p className="page-lede">
              The link may be incomplete or out of date. If you were charged, we will e-mail you a receipt with a link to manage your gift, so nothing is lost.
            </p>
            <p>
              <Link href="/">Go to the front page</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function Found({ summary, sessionId }: { summary: CheckoutSummary; sessionId: string }) {
  const gift = `${frequencyNoun[summary.frequency]} of ${formatMoney(summary.amount, summary.currency)}`;
  const to = summary.email ? (
    <>
      to <strong>{maskEmail(summary.email)}</strong>
    </>
  ) : (
    "to you"
  );

  if (summary.status === "unpaid") {
    return (
      <>
        <h1 className="page-title">Your payment is not complete</h1>
        <p className="page-lede">We have not received a payment for this checkout, so nothing has been charged.</p>
        <p>
          <Link href="/support">Try again</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className="page-title">Thank you</h1>
      {summary.status === "paid" ? (
        <p className="page-lede">Your {gift} keeps our journalism independent and free for everyone to read.</p>
      ) : (
        <p className="page-lede">
          Your {gift} is being processed. Some payment methods, such as bank debits, take a few days to go through.
        </p>
      )}
      <p>
        We will e-mail a receipt {to}
        {summary.status === "paid" ? "." : " once the payment has gone through."}
      </p>
      {!summary.recurring && summary.status === "paid" && (
        <section className={styles.manage} aria-labelledby="monthly-title">
          <h2 id="monthly-title">Make it monthly?</h2>
          <p>A small gift every month lets us plan a year of reporting ahead. You can pause or cancel it at any time, from the link in every receipt.</p>
          <a className="button" href={monthlyOfferPath}>
            Give monthly
          </a>
        </section>
      )}
      {summary.recurring && (
        <section className={styles.manage} aria-labelledby="manage-title">
          <h2 id="manage-title">Manage your gift</h2>
          <p>You can update your card or cancel your {frequencyNoun[summary.frequency]} at any time on Stripe’s secure page. Later, use the link in your receipt.</p>
          <ActionForm action={manageGift} permalink={thankYouPath}>
            <input type="hidden" name="session_id" value={sessionId} />
            <button type="submit" className="button">
              Manage your gift
            </button>
          </ActionForm>
        </section>
      )}
    </>
  );
}
