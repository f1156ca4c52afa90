import { ASK_NOTICES, durationText, type AskVariant } from "@/lib/donations/ask-variant";
import { getAskSettings, REMIND_LATER_OPTIONS } from "@/lib/donations/ask";
import styles from "./ask-notices.module.css";

/**
 * The confirmations a reader without JavaScript lands on after closing or snoozing the ask: the
 * action redirects to `#<id>`, and CSS shows the note that is the target. Only the variants a
 * dismissal leads to carry them.
 */
export function AskNotices({ variant }: { variant: AskVariant }) {
  const notes: { id: string; text: string }[] = [];
  if (variant === "no-banner") {
    notes.push({ id: ASK_NOTICES.bannerClosed, text: `Closed. We won’t show the support banner again for ${durationText(getAskSettings().bannerCloseDays)}.` });
  }
  if (variant === "quiet") {
    notes.push({ id: ASK_NOTICES.snoozedWeek, text: `Done. We won’t ask you to support us for ${durationText(REMIND_LATER_OPTIONS.week)}.` });
    notes.push({ id: ASK_NOTICES.snoozedMonth, text: `Done. We won’t ask you to support us for ${durationText(REMIND_LATER_OPTIONS.month)}.` });
    notes.push({ id: ASK_NOTICES.reminderWeek, text: `Done. We’ll e-mail you a reminder in ${durationText(REMIND_LATER_OPTIONS.week)}, once, and won’t ask you before then.` });
    notes.push({ id: ASK_NOTICES.reminderMonth, text: `Done. We’ll e-mail you a reminder in ${durationText(REMIND_LATER_OPTIONS.month)}, once, and won’t ask you before then.` });
  }
  if (notes.length === 0) return null;
  return (
    <div className="container">
      {notes.map(({ id, text }) => (
        <p key={id} id={id} className={styles.notice} tabIndex={-1}>
          {text} <a href="#main">Continue reading</a>
        </p>
      ))}
    </div>
  );
}
