import type { Metadata } from "next";
import type { ReactNode } from "react";
import { IntentLink as Link } from "@/app/_components/intent-link";
import { ActionForm } from "@/app/_components/action-form";
import { getManagedSupporter, type ManagedSupporter } from "@/db/supporters";
import type { Subscription } from "@/db/schema";
import { formatUtcDate } from "@/lib/admin/format";
import { amountLimits, frequencyNoun } from "@/lib/donations/config";
import { PAUSE_MONTHS } from "@/lib/stripe/manage";
import { logEvent } from "@/lib/log";
import { formatMoney, isCurrency, toMajorString } from "@/lib/money";
import { maskEmail } from "@/lib/site/format";
import { managePath, supportPath } from "@/lib/site/paths";
import { firstParam } from "@/lib/site/search-params";
import { readManageToken } from "@/lib/supporters/manage-link";
import { changeGift, requestManageLink } from "./actions";
import styles from "./manage.module.css";

export const dynamic = "force-dynamic";

// The token is in the address: it must not travel on to another site in a Referer (same-origin keeps
// the Origin header that server actions check).
export const metadata: Metadata = { title: "Manage your gift", robots: { index: false, follow: false }, referrer: "same-origin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PROBLEMS: Record<string, string> = {
  email: "Please enter the e-mail address you gave with.",
  "thank-you": "For your safety, the thank-you page opens your billing page only shortly after you give. Enter your address and we will e-mail you a link to manage your gift.",
  link: "That link has expired or is no longer valid. Nothing was changed. Enter your address and we will send you a fresh one.",
  form: "That request could not be read. Nothing was changed.",
  stripe: "We could not reach our payment provider just now. Nothing was changed; please try again in a moment.",
  unavailable: "Something went wrong on our side. Nothing was changed; please try again in a moment.",
};

const DONE: Record<string, string> = {
  cancel: "Your gift is cancelled from the end of the period you have paid for. No further payments will be taken. It can take a minute to show here.",
  keep: "Your gift continues. Thank you. It can take a minute to show here.",
  card: "Welcome back. Changes to your card are saved with Stripe.",
  pause: "Your gift is paused: no payments until the date shown. It restarts by itself, or whenever you resume it.",
  resume: "Your gift is running again. Thank you. It can take a minute to show here.",
  amount: "Your new amount applies from your next payment. Thank you. It can take a minute to show here.",
  frequency: "Done: your gift's new period, and its first payment, start today. Thank you. It can take a minute to show here.",
};

type View = { kind: "ask" } | { kind: "invalid" } | { kind: "unavailable" } | { kind: "supporter"; supporter: ManagedSupporter; token: string };

async function look(token: string | undefined): Promise<View> {
  if (token === undefined) return { kind: "ask" };
  const reading = readManageToken(token);
  if (!reading.ok) return { kind: "invalid" };
  try {
    const supporter = await getManagedSupporter(reading.claim.customerId, reading.claim.version);
    return supporter ? { kind: "supporter", supporter, token } : { kind: "invalid" };
  } catch (error) {
    logEvent("error", "manage.lookup_failed", { error });
    return { kind: "unavailable" };
  }
}

export default async function ManagePage({ searchParams }: Props) {
  const params = await searchParams;
  const view = await look(firstParam(params.token));
  const problem = firstParam(params.problem) === "amount" ? amountProblem(view, firstParam(params.change), firstParam(params.frequency)) : PROBLEMS[firstParam(params.problem) ?? ""];
  const done = DONE[firstParam(params.done) ?? ""];
  return (
    <div className="container">
      <div className={styles.page}>
        <h1 className="page-title">Manage your gift</h1>
        {problem && (
          <p className={styles.note} role="alert">
            {problem}
          </p>
        )}
        {done && (
          <p className={styles.note} role="status">
            {done}
          </p>
        )}
        {view.kind === "supporter" ? (
          <Supporter supporter={view.supporter} token={view.token} confirming={firstParam(params.confirm)} />
        ) : (
          <>
            {view.kind === "invalid" && !problem && <p className={styles.note} role="alert">{PROBLEMS.link}</p>}
            {view.kind === "unavailable" && <p className={styles.note} role="alert">{PROBLEMS.unavailable}</p>}
            {firstParam(params.sent) === "1" && (
              <p className={styles.note} role="status">
                If that address has given to us, a link to manage its gifts is on its way. It can take a minute to arrive; check your spam folder too.
              </p>
            )}
            {firstParam(params.ended) === "1" && (
              <p className={styles.note} role="status">
                Done: every manage link we have sent you has stopped working. Ask for a new one whenever you need it.
              </p>
            )}
            <p className="page-lede">No account or password needed: we e-mail you a link that lets you see your gifts, update your card, or change or cancel a monthly or annual gift.</p>
            <ActionForm action={requestManageLink} permalink={managePath} className={styles.form}>
              <label htmlFor="manage-email">Your e-mail address</label>
              <input id="manage-email" name="email" type="email" autoComplete="email" required maxLength={254} />
              <button type="submit" className="button">
                Send me a link
              </button>
            </ActionForm>
            <p>
              Not a supporter yet? <Link href={supportPath}>Support our journalism</Link>.
            </p>
          </>
        )}
      </div>
    </div>
  );
}

/** The limits for the gift being changed, as the gift form states them. */
function amountProblem(view: View, subscriptionId: string | undefined, frequency: string | undefined): string {
  const gift = view.kind === "supporter" ? view.supporter.subscriptions.find((s) => s.stripeSubscriptionId === subscriptionId) : undefined;
  if (!gift || !isCurrency(gift.currency) || (frequency !== "monthly" && frequency !== "annual")) return "Please enter an amount. Nothing was changed.";
  const { min, max } = amountLimits(frequency, gift.currency);
  return `Please enter an amount from ${formatMoney(min, gift.currency)} to ${formatMoney(max, gift.currency)} for ${frequency === "annual" ? "an annual" : "a monthly"} gift, like 12 or 12.50. Nothing was changed.`;
}

const amount = (minor: number, currency: string) => (isCurrency(currency) ? formatMoney(minor, currency) : `${minor} ${currency.toUpperCase()}`);

function status(s: Subscription): string {
  if (s.status === "canceled") return s.endedAt ? `Ended on ${formatUtcDate(s.endedAt)}.` : "Ended.";
  if (s.cancelAtPeriodEnd) return s.currentPeriodEnd ? `Cancelled: your last payment covers you until ${formatUtcDate(s.currentPeriodEnd)}.` : "Cancelled from the end of this period.";
  if (s.status === "past_due") return "Your last payment did not go through. Please update your card.";
  if (s.pauseBehavior !== null) return s.pauseResumesAt ? `Paused: no payments until ${formatUtcDate(s.pauseResumesAt)}, then your gift restarts by itself.` : "Paused: no payments until you resume it.";
  return s.currentPeriodEnd ? `Active. Next payment on ${formatUtcDate(s.currentPeriodEnd)}.` : "Active.";
}

function Supporter({ supporter, token, confirming }: { supporter: ManagedSupporter; token: string; confirming: string | undefined }) {
  const recurring = supporter.subscriptions;
  const hidden = <input type="hidden" name="token" value={token} />;
  return (
    <>
      <p className="page-lede">
        {supporter.name ? `Hello, ${supporter.name}. ` : ""}These are the gifts made with {supporter.email ? maskEmail(supporter.email) : "your address"}.
      </p>
      <section aria-labelledby="recurring-title">
        <h2 id="recurring-title">Monthly and annual gifts</h2>
        {recurring.length === 0 && <p>You have no monthly or annual gift.</p>}
        {recurring.map((s) => (
          <div key={s.stripeSubscriptionId} className={styles.gift}>
            <h3>
              {amount(s.amount, s.currency)} {s.frequency === "annual" ? "a year" : "a month"}
            </h3>
            <p>{status(s)}</p>
            {s.status !== "canceled" && (
              <div className={styles.actions}>
                <ActionForm action={changeGift} permalink={managePath}>
                  {hidden}
                  <input type="hidden" name="intent" value="card" />
                  <button type="submit" className="button">
                    Update card
                  </button>
                </ActionForm>
                {s.pauseBehavior !== null && (
                  <ActionForm action={changeGift} permalink={managePath}>
                    {hidden}
                    <input type="hidden" name="subscription" value={s.stripeSubscriptionId} />
                    <input type="hidden" name="intent" value="resume" />
                    <button type="submit" className="button">
                      Resume now
                    </button>
                  </ActionForm>
                )}
                {s.cancelAtPeriodEnd || confirming === s.stripeSubscriptionId ? (
                  <div className={styles.confirm}>
                    {!s.cancelAtPeriodEnd && !s.pauseBehavior !== null && (
                      <PauseForm subscriptionId={s.stripeSubscriptionId} hidden={hidden} legend="Need a break instead? Pause your gift and it restarts by itself:" />
                    )}
                    <ActionForm action={changeGift} permalink={managePath}>
                      {hidden}
                      <input type="hidden" name="subscription" value={s.stripeSubscriptionId} />
                      <input type="hidden" name="intent" value={s.cancelAtPeriodEnd ? "keep" : "cancel"} />
                      {!s.cancelAtPeriodEnd && <p id={`confirm-${s.stripeSubscriptionId}`}>Your gift pays for reporting that nobody else does. If you cancel, no further payments are taken and you stay a supporter until the period you paid for ends.</p>}
                      <button type="submit" className={`button ${s.cancelAtPeriodEnd ? "" : styles.secondary}`}>
                        {s.cancelAtPeriodEnd ? "Keep my gift" : "Yes, cancel this gift"}
                      </button>
                    </ActionForm>
                  </div>
                ) : (
                  <a className={`button ${styles.secondary}`} href={`${managePath}?token=${encodeURIComponent(token)}&confirm=${encodeURIComponent(s.stripeSubscriptionId)}#confirm-${s.stripeSubscriptionId}`} rel="nofollow">
                    Cancel this gift…
                  </a>
                )}
              </div>
            )}
            {s.status !== "canceled" && !s.cancelAtPeriodEnd && confirming !== s.stripeSubscriptionId && (
              <>
                {!s.pauseBehavior !== null && <PauseForm subscriptionId={s.stripeSubscriptionId} hidden={hidden} legend="Pause your gift (it restarts by itself):" />}
                <ChangeForm gift={s} hidden={hidden} />
              </>
            )}
          </div>
        ))}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">Payments</h2>
        {supporter.gifts.length === 0 ? (
          <p>No payments yet.</p>
        ) : (
          <table className={styles.history}>
            <thead>
              <tr>
                <th scope="col">Date (UTC)</th>
                <th scope="col">Gift</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {supporter.gifts.map((g) => (
                <tr key={g.id}>
                  <td>{formatUtcDate(g.paidAt)}</td>
                  <td>{frequencyNoun[g.frequency]}</td>
                  <td>{amount(g.amount, g.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ActionForm action={changeGift} permalink={managePath} className={styles.form}>
        {hidden}
        <input type="hidden" name="intent" value="end-links" />
        <p>Forwarded this link by mistake, or on a shared computer? End it, and every other link we have sent you.</p>
        <button type="submit" className={`button ${styles.secondary}`}>
          End my manage links
        </button>
      </ActionForm>
      <p>
        <Link href={managePath}>Not you?</Link>
      </p>
    </>
  );
}

function PauseForm({ subscriptionId, hidden, legend }: { subscriptionId: string; hidden: ReactNode; legend: string }) {
  return (
    <ActionForm action={changeGift} permalink={managePath} className={styles.inline}>
      {hidden}
      <input type="hidden" name="subscription" value={subscriptionId} />
      <input type="hidden" name="intent" value="pause" />
      <fieldset>
        <legend>{legend}</legend>
        <div className={styles.actions}>
          {PAUSE_MONTHS.map((m) => (
            <button key={m} type="submit" name="months" value={m} className={`button ${styles.secondary}`}>
              Pause for {m === 1 ? "1 month" : `${m} months`}
            </button>
          ))}
        </div>
      </fieldset>
    </ActionForm>
  );
}

/** A new amount, and monthly or annual. The form says before it is sent what a change of frequency costs today. */
function ChangeForm({ gift, hidden }: { gift: Subscription; hidden: ReactNode }) {
  if (!isCurrency(gift.currency)) return null;
  const id = `change-${gift.stripeSubscriptionId}`;
  return (
    <ActionForm action={changeGift} permalink={managePath} className={styles.inline} id={id}>
      {hidden}
      <input type="hidden" name="subscription" value={gift.stripeSubscriptionId} />
      <input type="hidden" name="intent" value="change" />
      <fieldset>
        <legend>Change your gift</legend>
        <label htmlFor={`${id}-amount`}>Amount ({gift.currency.toUpperCase()})</label>
        <input id={`${id}-amount`} name="amount" inputMode="decimal" autoComplete="off" defaultValue={toMajorString(gift.amount, gift.currency)} maxLength={20} required aria-describedby={`${id}-note`} />
        <div className={styles.actions} role="radiogroup" aria-label="How often">
          {(["monthly", "annual"] as const).map((f) => (
            <label key={f} className={styles.choice}>
              <input type="radio" name="frequency" value={f} defaultChecked={gift.frequency === f} /> {f === "monthly" ? "Every month" : "Every year"}
            </label>
          ))}
        </div>
        <p id={`${id}-note`} className={styles.hint}>
          A new amount applies from your next payment. Switching between monthly and annual starts the new period today, with its first payment taken today.
        </p>
        <button type="submit" className="button">
          Save change
        </button>
      </fieldset>
    </ActionForm>
  );
}
