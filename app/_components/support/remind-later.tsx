"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { remindMeLater } from "@/app/(site)/support/actions";
import { ASK_SNOOZED_EVENT, closeBanner, isAskSuppressedNow, isBannerClosed, REMIND_DAYS, snoozeAsk } from "./ask-state";
import styles from "./gift-form.module.css";

const noSubscribe = () => () => {};
/** False in the server HTML and during hydration, true once the page's JavaScript runs. */
export const useHydrated = () => useSyncExternalStore(noSubscribe, () => true, () => false);

const untilDate = (ms: number) => new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long" }).format(ms);

type RemindLaterProps = { label: string; returnTo: string; idPrefix: string };

/**
 * Without JavaScript a plain POST: the server action sets the snooze cookie and sends the reader back.
 * With it, the cookie is set here and every ask on the page stands down at once.
 */
export function RemindLater({ label, returnTo, idPrefix }: RemindLaterProps) {
  const hydrated = useHydrated();
  const [until, setUntil] = useState<number | null>(null);
  const dismissRef = useRef<HTMLButtonElement>(null);
  const inDialog = useRef(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const period = submitter instanceof HTMLButtonElement && submitter.value === "month" ? "month" : "week";
    inDialog.current = event.currentTarget.closest("dialog") !== null;
    setUntil(snoozeAsk(REMIND_DAYS[period]));
  }

  function dismiss() {
    setUntil(null);
    document.getElementById("main")?.focus({ preventScroll: true });
  }

  useEffect(() => {
    // The ask holding the focused button has just been hidden; the dialog returns focus itself.
    if (until !== null && !inDialog.current) dismissRef.current?.focus();
  }, [until]);

  return (
    <>
      <form className={styles.remind} action={remindMeLater} onSubmit={onSubmit}>
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
      {hydrated &&
        createPortal(
          // The live region exists before its text does, so screen readers announce the text.
          <div className={styles.toastRegion} role="status">
            {until !== null && (
              <div className={styles.toast}>
                <p>OK — we won’t ask again until {untilDate(until)}.</p>
                <button ref={dismissRef} type="button" onClick={dismiss}>
                  Dismiss
                </button>
              </div>
            )}
          </div>,
          document.body,
        )}
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
 * Wraps a server-rendered ask and hides it once the page's JavaScript knows the reader snoozed the ask,
 * gave recently or closed the banner. Static pages cannot read cookies, so this runs after hydration.
 */
export function AskGate({ kind, as: Tag = "section", id, className, labelledBy, label, close, children }: AskGateProps) {
  const hydrated = useHydrated();
  const pathname = usePathname() ?? "";
  const [hidden, setHidden] = useState(false);
  const onSupportPages = kind === "banner" && (pathname === "/support" || pathname.startsWith("/support/"));

  useEffect(() => {
    if (isAskSuppressedNow() || (kind === "banner" && isBannerClosed())) setHidden(true);
    const hide = () => setHidden(true);
    window.addEventListener(ASK_SNOOZED_EVENT, hide);
    return () => window.removeEventListener(ASK_SNOOZED_EVENT, hide);
  }, [kind]);

  function onClose() {
    if (!close) return;
    closeBanner(close.days);
    setHidden(true);
    document.getElementById("main")?.focus({ preventScroll: true });
  }

  return (
    <Tag id={id} className={className} aria-labelledby={labelledBy} aria-label={label} hidden={hidden || onSupportPages}>
      {children}
      {close && hydrated && (
        <button type="button" className={close.className} aria-label={close.label} onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </Tag>
  );
}

/** The banner's link to /support, carrying the page the reader was on (known in the server HTML too). */
export function BannerSupportLink({ className, children }: { className?: string; children: ReactNode }) {
  const pathname = usePathname() ?? "/";
  const query = new URLSearchParams({ placement: "banner" });
  if (pathname.startsWith("/") && !pathname.startsWith("/support")) query.set("from", pathname);
  return (
    <Link className={className} href={`/support?${query}`} prefetch={false}>
      {children}
    </Link>
  );
}
