"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { closeAskBanner, remindMeLater } from "@/app/(site)/support/actions";
import { durationText } from "@/lib/donations/ask-variant";
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

type RemindLaterProps = { label: string; returnTo: string; idPrefix: string };

/**
 * Without JavaScript a plain POST: the server action sets the snooze cookie and sends the reader back
 * to a page without the ask, with a confirmation. With it, the cookie is set here and every ask on the
 * page stands down at once.
 */
export function RemindLater({ label, returnTo, idPrefix }: RemindLaterProps) {
  const [until, setUntil] = useState<number | null>(null);
  // The permalink is the form's `action` before JavaScript runs (without one React writes `action=""`, invalid HTML).
  const [, remindAction] = useActionState(remindMeLater, null, returnTo);
  const inDialog = useRef(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const period = submitter instanceof HTMLButtonElement && submitter.value === "month" ? "month" : "week";
    inDialog.current = event.currentTarget.closest("dialog") !== null;
    setUntil(snoozeAsk(REMIND_DAYS[period]));
  }

  return (
    <>
      <form className={styles.remind} action={remindAction} onSubmit={onSubmit}>
        <input type="hidden" name="return_to" value={returnTo} />
        <p id={`${idPrefix}-remind`}>{label}</p>
        <div className={styles.remindButtons} role="group" aria-labelledby={`${idPrefix}-remind`}>
          <button type="submit" name="period" value="week">
            <span className="visually-hidden">Remind me </span>in a week
          </button>
          <button type="submit" name="period" value="month">
            <span className="visually-hidden">Remind me </span>in a month
          </button>
        </div>
      </form>
      <Toast
        text={until === null ? null : `OK — we won’t ask again until ${formatUntil(until, Date.now())}.`}
        // The ask holding the focused button has just been hidden; in a dialog, the dialog returns focus itself.
        focusOnShow={!inDialog.current}
        onDismiss={() => {
          setUntil(null);
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
