"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { useFormStatus } from "react-dom";
import { startCheckout } from "@/app/(site)/support/actions";
import type { AskSettings } from "@/lib/donations/ask";
import {
  FEE_COVER,
  feeCoverAmount,
  FREQUENCIES,
  frequencyLabel,
  frequencySuffix,
  PRESETS,
  SUGGESTED_PRESET_INDEX,
  type Frequency,
  type Placement,
} from "@/lib/donations/config";
import { amountRangeText, checkTypedAmount } from "@/lib/donations/amount-rules";
import { initialGiftFormState, shownFor, type GiftFormState, type GiftReview } from "@/lib/donations/form-state";
import type { GiftField } from "@/lib/donations/gift";
import { CURRENCIES, formatMoney, isCurrency, type Currency } from "@/lib/money";
import { PaymentMethods } from "./payment-methods";
import { RemindLater, useHydrated } from "./remind-later";
import styles from "./gift-form.module.css";

export type GiftFormSettings = Pick<AskSettings, "defaultFrequency" | "defaultCurrency" | "campaign">;

export type GiftFormProps = {
  placement: Placement;
  sourcePath: string;
  settings: GiftFormSettings;
  compact?: boolean;
  /** Keeps ids unique when two forms are on one page. */
  idPrefix: string;
  /** The reminder e-mail that linked here (placement "reminder"), so the gift counts for it. */
  reminderId?: number;
  /** ASK_COPY.remindLater, passed in because the copy module reads server settings. Omit to leave it out. */
  remindLaterLabel?: string;
  /**
   * The address (with a #fragment at the form) a submission before JavaScript runs posts to, so the
   * answer (errors, the review) opens where the reader was rather than at the top of the page.
   */
  permalink: string;
};

type Choice = number | "other";

const isFrequency = (v: string | undefined): v is Frequency => (FREQUENCIES as readonly string[]).includes(v ?? "");

/** What the form starts with: the reader's last submission when the server sent it back, else the defaults. */
function startingValues(values: Record<string, string>, settings: GiftFormSettings) {
  const frequency = isFrequency(values.frequency) ? values.frequency : settings.defaultFrequency;
  const currency = isCurrency(values.currency ?? "") ? (values.currency as Currency) : settings.defaultCurrency;
  let choice: Choice = SUGGESTED_PRESET_INDEX;
  if (values.amount === "other") choice = "other";
  else if (values.amount) {
    const index = PRESETS[frequency][currency].indexOf(Number(values.amount));
    if (index >= 0) choice = index;
  }
  return { frequency, currency, choice, other: values.other_amount ?? "", cover: values.cover_fees !== undefined };
}

const currencySymbol = (currency: Currency) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency: currency.toUpperCase() }).formatToParts(0).find((p) => p.type === "currency")?.value ??
  currency.toUpperCase();

/** The same rule the server applies, so the reader hears about it before the round trip. */
function otherAmountProblem(text: string, frequency: Frequency, currency: Currency): string | null {
  const checked = checkTypedAmount(text, frequency, currency);
  return checked.ok ? null : checked.message;
}

const totalSentence = (frequency: Frequency, currency: Currency, amount: number, fee: number) =>
  `You’ll give ${formatMoney(amount + fee, currency)}${frequencySuffix[frequency] || " once"}${fee > 0 ? ` (${formatMoney(amount, currency)} + ${formatMoney(fee, currency)} for card fees)` : ""}.`;

function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

function SubmitButton({ describedBy, label }: { describedBy: string; label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={`button ${styles.submit}`} disabled={pending} aria-describedby={describedBy}>
      {pending ? "Redirecting to secure payment…" : label}
    </button>
  );
}

function Errors({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className={styles.errors}>
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/**
 * One gift form for every placement. With JavaScript, the amounts follow the chosen frequency and
 * currency and the exact total is shown live. Without it, the form is a plain POST: the server draws
 * the amounts for the frequency and currency it was sent, and reads the gift back (the review below)
 * before anything is charged, so what the reader reads is always what Checkout charges.
 */
export function GiftForm({ placement, sourcePath, settings, compact = false, idPrefix, remindLaterLabel, reminderId, permalink }: GiftFormProps) {
  const [state, formAction] = useActionState<GiftFormState, FormData>(startCheckout, initialGiftFormState, permalink);
  if (state.review) {
    return (
      <div className={compact ? `${styles.wrap} ${styles.compact}` : styles.wrap}>
        <GiftReviewForm review={state.review} formAction={formAction} idPrefix={idPrefix} />
      </div>
    );
  }
  return <GiftChoiceForm {...{ placement, sourcePath, settings, compact, idPrefix, remindLaterLabel, reminderId, state, formAction }} />;
}

type ChoiceProps = Omit<GiftFormProps, "permalink"> & { state: GiftFormState; formAction: (data: FormData) => void };

function GiftChoiceForm({ placement, sourcePath, settings, compact = false, idPrefix, remindLaterLabel, reminderId, state, formAction }: ChoiceProps) {
  const [start] = useState(() => startingValues(state.values, settings));
  const [frequency, setFrequency] = useState(start.frequency);
  const [currency, setCurrency] = useState(start.currency);
  const [choice, setChoice] = useState<Choice>(start.choice);
  const [other, setOther] = useState(start.other);
  const [cover, setCover] = useState(start.cover);
  const [showEmpty, setShowEmpty] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState("");
  const otherRef = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();

  useEffect(() => setIdempotencyKey(newIdempotencyKey()), []);

  const id = (name: string) => `${idPrefix}-gift-${name}`;
  const presets = PRESETS[frequency][currency];
  const preset = typeof choice === "number" ? (presets[choice] ?? null) : null;
  const problem = choice === "other" ? otherAmountProblem(other, frequency, currency) : null;
  const typed = choice === "other" ? checkTypedAmount(other, frequency, currency) : null;
  const amount = typed ? (typed.ok ? typed.minor : null) : preset;
  const fee = amount === null ? null : feeCoverAmount(amount, currency);

  // A server error stays up only while the field still holds what was sent; the live hint takes over after.
  const current: Record<string, string> = {
    frequency,
    currency,
    amount: choice === "other" ? "other" : String(preset ?? ""),
    other_amount: other,
    cover_fees: cover ? "on" : "",
  };
  const unchanged = (...fields: string[]) => fields.every((f) => (state.values[f] ?? "") === current[f]);
  const serverErrors = (field: GiftField, ...dependsOn: string[]) => (unchanged(field, ...dependsOn) ? (state.fieldErrors[field] ?? []) : []);
  const errors = {
    frequency: serverErrors("frequency"),
    currency: serverErrors("currency"),
    amount: serverErrors("amount", "frequency", "currency"),
    other_amount: serverErrors("other_amount", "frequency", "currency", "amount"),
    cover_fees: serverErrors("cover_fees"),
  };
  const otherHint = choice === "other" && problem && (other.trim() !== "" || showEmpty) ? [problem] : [];
  const otherMessages = [...new Set([...errors.other_amount, ...otherHint])];
  const hiddenFieldErrors = (["placement", "source_path", "campaign", "reminder"] as const).flatMap((f) => state.fieldErrors[f] ?? []);
  const anyFieldErrorShown = Object.values(errors).some((e) => e.length > 0) || hiddenFieldErrors.length > 0;
  const message = state.message && (anyFieldErrorShown || Object.keys(state.fieldErrors).length === 0) ? state.message : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting through a transition keeps useFormStatus working and skips React's automatic form
    // reset, which would put the controlled radios back to their first values after an error.
    event.preventDefault();
    if (problem) {
      setShowEmpty(true);
      otherRef.current?.focus();
      return;
    }
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  const describedBy = (...ids: (string | false)[]) => ids.filter(Boolean).join(" ") || undefined;
  const feeRule = `${FEE_COVER.basisPoints / 100}% + ${formatMoney(FEE_COVER.fixed[currency], currency)}`;

  return (
    <div className={compact ? `${styles.wrap} ${styles.compact}` : styles.wrap}>
      <form className={styles.form} action={formAction} onSubmit={onSubmit}>
        <input type="hidden" name="placement" value={placement} />
        <input type="hidden" name="source_path" value={sourcePath} />
        {settings.campaign && <input type="hidden" name="campaign" value={settings.campaign} />}
        {reminderId !== undefined && <input type="hidden" name="reminder" value={reminderId} />}
        <input type="hidden" name="idempotency_key" value={idempotencyKey} />
        <input type="hidden" name="shown" value={shownFor(frequency, currency)} />
        <input type="hidden" name="js" value={hydrated ? "1" : ""} />

        <fieldset className={styles.frequency} aria-describedby={describedBy(errors.frequency.length > 0 && id("frequency-error"))}>
          <legend className="visually-hidden">How often would you like to give?</legend>
          <div className={styles.tabs}>
            {FREQUENCIES.map((f) => (
              <label key={f} className={styles.tab}>
                <input type="radio" name="frequency" value={f} checked={frequency === f} onChange={() => setFrequency(f)} />
                <span>{frequencyLabel[f]}</span>
              </label>
            ))}
          </div>
          <Errors id={id("frequency-error")} messages={errors.frequency} />
        </fieldset>

        <div className={styles.currency}>
          <label htmlFor={id("currency")}>Currency</label>
          <select
            id={id("currency")}
            name="currency"
            value={currency}
            onChange={(e) => isCurrency(e.target.value) && setCurrency(e.target.value)}
            aria-invalid={errors.currency.length > 0 || undefined}
            aria-describedby={describedBy(errors.currency.length > 0 && id("currency-error"))}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()} ({currencySymbol(c)})
              </option>
            ))}
          </select>
          <Errors id={id("currency-error")} messages={errors.currency} />
          <noscript>
            <button type="submit" name="step" value="update" className={styles.update}>
              Show amounts for this choice
            </button>
          </noscript>
        </div>

        <fieldset className={styles.amount} aria-describedby={describedBy(errors.amount.length > 0 && id("amount-error"))}>
          <legend>Amount</legend>
          <div className={styles.chips}>
            {presets.map((value, index) => (
              <label key={index} className={styles.chip}>
                <input
                  type="radio"
                  name="amount"
                  value={String(value)}
                  checked={choice === index}
                  onChange={() => setChoice(index)}
                  aria-invalid={errors.amount.length > 0 || undefined}
                />
                <span>
                  {formatMoney(value, currency, { compact: true })}
                  {index === SUGGESTED_PRESET_INDEX && <small className={styles.suggested}>Suggested</small>}
                </span>
              </label>
            ))}
            <label className={styles.chip}>
              <input type="radio" name="amount" value="other" checked={choice === "other"} onChange={() => setChoice("other")} />
              <span>Other</span>
            </label>
          </div>
          <Errors id={id("amount-error")} messages={errors.amount} />

          <div className={styles.other}>
            <label htmlFor={id("other")}>
              Other amount<span className="visually-hidden"> in {currency.toUpperCase()}</span>
            </label>
            <div className={styles.otherField}>
              <span aria-hidden="true">{currencySymbol(currency)}</span>
              <input
                ref={otherRef}
                id={id("other")}
                name="other_amount"
                type="text"
                inputMode={currency === "jpy" ? "numeric" : "decimal"}
                autoComplete="off"
                maxLength={20}
                value={other}
                onChange={(e) => setOther(e.target.value)}
                aria-invalid={otherMessages.length > 0 || undefined}
                aria-describedby={describedBy(id("other-range"), otherMessages.length > 0 && id("other-error"))}
              />
            </div>
            <p id={id("other-range")} className={styles.hint}>
              {amountRangeText(frequency, currency)}
            </p>
            <Errors id={id("other-error")} messages={otherMessages} />
          </div>
        </fieldset>

        <div className={styles.cover}>
          <input
            id={id("cover")}
            type="checkbox"
            name="cover_fees"
            checked={cover}
            onChange={(e) => setCover(e.target.checked)}
            aria-invalid={errors.cover_fees.length > 0 || undefined}
            aria-describedby={describedBy(id("cover-hint"), errors.cover_fees.length > 0 && id("cover-error"))}
          />
          <label htmlFor={id("cover")}>Cover the card fees</label>
          <p id={id("cover-hint")} className={styles.hint}>
            {hydrated && fee !== null ? `Adds ${formatMoney(fee, currency)}` : `Adds ${feeRule} a payment`}, so the card fees do not come out of your gift.
          </p>
          <Errors id={id("cover-error")} messages={errors.cover_fees} />
        </div>

        <p id={id("total")} className={styles.total}>
          {!hydrated
            ? "Next, you will see exactly what will be charged, before you pay."
            : amount === null
              ? "Choose an amount to see your total."
              : totalSentence(frequency, currency, amount, cover && fee !== null ? fee : 0)}
        </p>

        <div className={styles.message} aria-live="polite">
          {message && <p>{message}</p>}
          {hiddenFieldErrors.length > 0 && <Errors id={id("form-error")} messages={hiddenFieldErrors} />}
        </div>

        <SubmitButton describedBy={id("total")} label={hydrated ? "Continue to secure payment" : "Continue"} />

        <PaymentMethods className={styles.methods} />
        <p className={styles.secure}>Payments are processed securely by Stripe. You can cancel a recurring gift at any time.</p>
      </form>

      {remindLaterLabel && placement !== "support_page" && <RemindLater label={remindLaterLabel} returnTo={sourcePath} idPrefix={idPrefix} placement={placement} />}
    </div>
  );
}

type ReviewProps = { review: GiftReview; formAction: (data: FormData) => void; idPrefix: string };

/** The gift read back from the server's own parse, exactly as it goes to Checkout; Continue is the only way there. */
function GiftReviewForm({ review, formAction, idPrefix }: ReviewProps) {
  const { frequency, currency, amount, feeAmount } = review;
  const titleId = `${idPrefix}-review-title`;
  return (
    <form className={styles.form} action={formAction} aria-labelledby={titleId}>
      {Object.entries(review.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="shown" value={shownFor(frequency, currency)} />
      <input type="hidden" name="confirmed" value="1" />
      <h3 id={titleId} className={styles.reviewTitle}>
        Check your gift
      </h3>
      <dl className={styles.review}>
        <div>
          <dt>How often</dt>
          <dd>{frequencyLabel[frequency]}</dd>
        </div>
        <div>
          <dt>Your gift</dt>
          <dd>{formatMoney(amount, currency)}</dd>
        </div>
        {feeAmount > 0 && (
          <div>
            <dt>Card fees you cover</dt>
            <dd>{formatMoney(feeAmount, currency)}</dd>
          </div>
        )}
      </dl>
      <p id={`${idPrefix}-review-total`} className={styles.total} role="status">
        {totalSentence(frequency, currency, amount, feeAmount)}
      </p>
      <button type="submit" name="step" value="checkout" className={`button ${styles.submit}`} aria-describedby={`${idPrefix}-review-total`}>
        Continue to secure payment
      </button>
      <button type="submit" name="step" value="edit" className={styles.edit}>
        Change your gift
      </button>
      <PaymentMethods className={styles.methods} />
      <p className={styles.secure}>Payments are processed securely by Stripe. You can cancel a recurring gift at any time.</p>
    </form>
  );
}
