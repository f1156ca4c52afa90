"use client";

import { useEffect, useRef, useState, type MouseEvent } from "react";
import type { AskSettings } from "@/lib/donations/ask";
import { ASK_SNOOZED_EVENT, isDialogDue, markDialogSeen, recordArticleRead } from "./ask-state";
import { GiftForm } from "./gift-form";
import styles from "./support-dialog.module.css";

export type SupportDialogCopy = { title: string; appeal: string; remindLater: string };

type Props = {
  sourcePath: string;
  settings: AskSettings;
  /** ASK_COPY.dialogTitle, .dialogAppeal and .remindLater: the copy module reads server settings, so it is passed in. */
  copy: SupportDialogCopy;
  /** Lets the reader settle into the article before anything covers it. */
  openDelayMs?: number;
};

// One count per article per page load, whatever React's development double-mounting does.
const counted = new Set<string>();

/**
 * A modal ask for readers who keep coming back. Mounted on article pages only, it counts the read
 * itself; it renders nothing until it decides to open, so the server HTML never contains it.
 */
export function SupportDialog({ sourcePath, settings, copy, openDelayMs = 3000 }: Props) {
  const [due, setDue] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const snoozed = useRef(false);

  useEffect(() => {
    if (!counted.has(sourcePath)) {
      counted.add(sourcePath);
      recordArticleRead();
    }
    if (!isDialogDue(settings, true)) return;
    const timer = window.setTimeout(() => {
      // Not over a reader who is busy in a form (the inline ask, search) or has left the tab.
      const busy = document.activeElement?.closest("form, dialog") != null;
      if (document.visibilityState === "visible" && !busy && isDialogDue(settings, true)) setDue(true);
    }, openDelayMs);
    return () => window.clearTimeout(timer);
  }, [sourcePath, settings, openDelayMs]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!due || !dialog || dialog.open) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    markDialogSeen(settings.dialogEveryDays);
    dialog.showModal();
  }, [due, settings.dialogEveryDays]);

  useEffect(() => {
    const onSnooze = () => {
      snoozed.current = true;
      dialogRef.current?.close();
    };
    window.addEventListener(ASK_SNOOZED_EVENT, onSnooze);
    return () => window.removeEventListener(ASK_SNOOZED_EVENT, onSnooze);
  }, []);

  function onClose() {
    // Esc, the × and a click outside all land here; "Remind me later" already set its own, longer wait.
    // It stays mounted, closed, so the "Remind me later" confirmation inside it can still be shown.
    if (!snoozed.current) markDialogSeen(settings.dialogCloseSnoozeDays);
    // It usually opened by itself, with nothing focused: then focus goes to the article, not to <body>.
    const back = returnFocus.current && returnFocus.current !== document.body && returnFocus.current.isConnected ? returnFocus.current : document.getElementById("main");
    back?.focus({ preventScroll: true });
  }

  // The dialog box has no padding, so a click whose target is the <dialog> itself is on the backdrop.
  const onBackdrop = (event: MouseEvent<HTMLDialogElement>) => event.target === event.currentTarget && event.currentTarget.close();

  if (!due) return null;
  return (
    <dialog ref={dialogRef} className={styles.dialog} aria-labelledby="support-dialog-title" onClose={onClose} onClick={onBackdrop}>
      <div className={styles.body}>
        <button type="button" className={styles.close} aria-label="Close" onClick={() => dialogRef.current?.close()}>
          <span aria-hidden="true">×</span>
        </button>
        <h2 id="support-dialog-title" className={styles.title}>
          {copy.title}
        </h2>
        <p className={styles.appeal}>{copy.appeal}</p>
        <GiftForm
          placement="dialog"
          sourcePath={sourcePath}
          settings={settings}
          compact
          idPrefix="dialog"
          permalink={sourcePath}
          remindLaterLabel={copy.remindLater}
        />
      </div>
    </dialog>
  );
}
