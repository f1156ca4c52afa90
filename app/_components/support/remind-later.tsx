"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { closeAskBanner, remindMeLater } from "@/app/(site)/support/actions";
import { durationText } from "@/lib/donations/ask-variant";
import { initialRemindLaterState } from "@/lib/donations/form-state";
import { supportPath, withoutAskVariant } from "@/lib/site/paths";
import { ASK_SNOOZED_EVENT, closeBanner, formatUntil, isAskSuppressedNow, isBannerClosed, REMIND_DAYS, snoozeAsk } from "./ask-state";
import styles from "./gift-form.module.css";

const noSubscribe = () => () => {};
/** False in the server HTML and during hydration, true once the page's JavaScript runs. */
export const useHydrated = () => useSyncExternalStore(noSubscribe, () => true, () => false);

/** The page the reader is on, as they see it (prerendering sees the ask variant's rewritten path). */
export const useReaderPath = () => withoutAskVariant(usePathname() ?? "/");

/** A visible, announced confirmation in a live region that exists before its text does. */
function Toast({ text, onDismiss, focusOnShow }: { text: string | null; onDismiss: () => void; focusOnShow: boolean }) {
  const hydrated = useHydrated();
  const dismissRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (text !== null && focusOnShow) dismissRef.current?.focus();
  }, [text, focusOnShow]);
  if (!hydrated) return null;
  return createPortal(
    <div className={styles.toastRegion} role="status">
      {text !== null && (
        <div className={styles.toast}>
          <p>{text}</p>
          <button ref={dismissRef} type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>,
    document.body,
  );
}

type RemindLaterProps = { label: string; returnTo: string; idPrefix: string; placement: string };

/**
 * Without JavaScript a plain POST: the server action sets the snooze cookie (and pledges the e-mail,
 * if an address was left) and sends the reader back to a page without the ask, with a confirmation.
 * With it, a snooze alone is set here and every ask on the page stands down at once; with an address,
 * the action answers first, so a bad address or a failure leaves the ask where it was.
 */
export function RemindLater({ label, returnTo, idPrefix, placement }: RemindLaterProps) {
  const hydrated = useHydrated();
  const [state, formAction, pending] = useActionState(remindMeLater, initialRemindLaterState, returnTo);
  const [toast, setToast] = useState<string | null>(null);
  const inDialog = useRef(false);
  const emailId = `${idPrefix}-remind-email`;

  function confirm(period: "week" | "month", emailed: boolean) {
    const until = snoozeAsk(REMIND_DAYS[period]);
    const when = formatUntil(until, Date.now());
    setToast(emailed ? `OK — we’ll e-mail you a reminder on ${when}, just once, and won’t ask before then.` : `OK — we won’t ask again until ${when}.`);
  }

  useEffect(() => {
    if (state.done) confirm(state.done.period, state.done.emailed);
  }, [state.done]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    inDialog.current = event.currentTarget.closest("dialog") !== null;
    const email = new FormData(event.currentTarget).get("email");
    if (typeof email === "string" && email.trim() !== "") return; // the action answers
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    confirm(submitter instanceof HTMLButtonElement && submitter.value === "month" ? "month" : "week", false);
  }

  const problem = state.emailError ?? state.message;
  return (
    <>
      <form className={styles.remind} action={formAction} onSubmit={onSubmit} noValidate={hydrated}>
        <input type="hidden" name="return_to" value={returnTo} />
        <input type="hidden" name="placement" value={placement} />
        {hydrated && <input type="hidden" name="js" value="1" />}
        <p id={`${idPrefix}-remind`}>{label}</p>
        <div className={styles.remindEmail}>
          <label htmlFor={emailId}>E-mail me a reminder (optional)</label>
          <input
            id={emailId}
            name="email"
            type="email"
            autoComplete="email"
            maxLength={254}
            defaultValue={state.email}
            aria-invalid={state.emailError ? true : undefined}
            aria-describedby={`${emailId}-note${problem ? ` ${emailId}-problem` : ""}`}
          />
          <small id={`${emailId}-note`}>One e-mail at the time you choose; then we delete your address.</small>
          <p id={`${emailId}-problem`} className={styles.remindProblem} aria-live="polite">
            {problem}
          </p>
        </div>
        <div className={styles.remindButtons} role="group" aria-labelledby={`${idPrefix}-remind`}>
          <button type="submit" name="period" value="week" disabled={pending}>
            <span className="visually-hidden">Remind me </span>in a week
          </button>
          <button type="submit" name="period" value="month" disabled={pending}>
            <span className="visually-hidden">Remind me </span>in a month
          </button>
        </div>
      </form>
      <Toast
        text={toast}
        // The ask holding the focused button has just been hidden; in a dialog, the dialog returns focus itself.
        focusOnShow={!inDialog.current}
        onDismiss={() => {
          setToast(null);
          document.getElementById("ask-dismissed")?.focus({ preventScroll: true });
        }}
      />
    </>
  );
}

type AskGateProps = {
  kind: "banner" | "inline";
  as?: "section" | "aside" | "div";
  id?: string;
  className?: string;
  labelledBy?: string;
  label?: string;
  /** The banner's × button: closing it keeps it away for `days`. */
  close?: { days: number; label: string; className?: string };
  children: ReactNode;
};

/**
 * Wraps a server-rendered ask. The server already left out the asks a reader declined (proxy.ts picks
 * the page's ask variant); this hides one the moment the reader dismisses it on the page, and leaves a
 * focusable note where it was so focus does not fall to <body>.
 */
export function AskGate({ kind, as: Tag = "section", id, className, labelledBy, label, close, children }: AskGateProps) {
  const pathname = useReaderPath();
  const [hidden, setHidden] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const noteRef = useRef<HTMLParagraphElement>(null);
  const onSupportPages = kind === "banner" && (pathname === supportPath || pathname.startsWith(`${supportPath}/`));
  const [, closeAction] = useActionState(closeAskBanner, null, pathname);

  useEffect(() => {
    // A page the router kept from before a dismissal elsewhere: the server's choice is out of date.
    if (isAskSuppressedNow() || (kind === "banner" && isBannerClosed())) setHidden(true);
    const hide = () => {
      setHidden(true);
      setDismissed(kind === "banner" ? "The support banner is hidden." : "The newsroom’s message is hidden.");
    };
    window.addEventListener(ASK_SNOOZED_EVENT, hide);
    return () => window.removeEventListener(ASK_SNOOZED_EVENT, hide);
  }, [kind]);

  useEffect(() => {
    if (dismissed !== null && document.activeElement === document.body) noteRef.current?.focus({ preventScroll: true });
  }, [dismissed]);

  function onClose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!close) return;
    closeBanner(close.days);
    setHidden(true);
    setDismissed("The support banner is closed.");
    setToast(`Closed. We won’t show the support banner again for ${durationText(close.days)}.`);
  }

  return (
    <>
      <Tag id={id} className={className} aria-labelledby={labelledBy} aria-label={label} hidden={hidden || onSupportPages}>
        {children}
        {close && (
          <form action={closeAction} onSubmit={onClose}>
            <input type="hidden" name="return_to" value={pathname} />
            <button type="submit" className={close.className} aria-label={close.label}>
              <span aria-hidden="true">×</span>
            </button>
          </form>
        )}
      </Tag>
      {dismissed !== null && (
        <p id="ask-dismissed" ref={noteRef} className="visually-hidden" tabIndex={-1}>
          {dismissed}
        </p>
      )}
      {close && <Toast text={toast} focusOnShow={true} onDismiss={() => { setToast(null); noteRef.current?.focus({ preventScroll: true }); }} />}
    </>
  );
}

/** The banner's link to /support, carrying the page the reader was on (known in the server HTML too). */
export function BannerSupportLink({ className, children }: { className?: string; children: ReactNode }) {
  const pathname = useReaderPath();
  const query = new URLSearchParams({ placement: "banner" });
  if (pathname.startsWith("/") && !pathname.startsWith(supportPath)) query.set("from", pathname);
  return (
    <Link className={className} href={`${supportPath}?${query}`} prefetch={false}>
      {children}
    </Link>
  );
}
