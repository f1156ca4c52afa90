import type { Metadata } from "next";
import { IntentLink as Link } from "@/app/_components/intent-link";
import { logEvent } from "@/lib/log";
import { supportPath } from "@/lib/site/paths";
import { firstParam } from "@/lib/site/search-params";
import { stopRemindersByToken } from "@/lib/supporters/reminders";
import styles from "../manage.module.css";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Stop reminders", robots: { index: false, follow: false }, referrer: "same-origin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Opening the link is the one click: stopping is idempotent, so a mail scanner fetching it first does no harm worth a second step. */
async function stop(token: string | undefined): Promise<"stopped" | "invalid" | "unavailable"> {
  try {
    return (await stopRemindersByToken(token)) ? "stopped" : "invalid";
  } catch (error) {
    logEvent("error", "reminders.stop_failed", { error });
    return "unavailable";
  }
}

export default async function StopRemindersPage({ searchParams }: Props) {
  const outcome = await stop(firstParam((await searchParams).token));
  return (
    <div className="container">
      <div className={styles.page}>
        <h1 className="page-title">Stop reminders</h1>
        {outcome === "stopped" && (
          <p className={styles.note} role="status">
            Done. We will not send reminders to this address again, and we keep nothing of it but a one-way fingerprint that lets us honour this.
          </p>
        )}
        {outcome === "invalid" && (
          <p className={styles.note} role="alert">
            We could not read that link. Nothing was changed. Please use the link in the reminder e-mail as it is.
          </p>
        )}
        {outcome === "unavailable" && (
          <p className={styles.note} role="alert">
            Something went wrong on our side, and the reminder is not stopped yet. Please open the link again in a moment.
          </p>
        )}
        <p>
          <Link href="/">Back to the front page</Link> · <Link href={supportPath}>Support our journalism</Link>
        </p>
      </div>
    </div>
  );
}
