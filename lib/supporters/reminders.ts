import { z } from "zod";
import { queueEmail } from "@/db/email-outbox";
import { pledgeReminder, sendDueReminders, stopReminders } from "@/db/reminders";
import { DAY_MS } from "@/lib/site/days";
import { env } from "@/lib/env";
import { REMIND_LATER_OPTIONS, type RemindLaterPeriod } from "@/lib/donations/ask";
import { reminderStopPath, supportPath } from "@/lib/site/paths";
import { signatureMatches, signFor, SIGNATURE_LENGTH } from "./signing";

/** The address a reader may leave with "Remind me later": validated, never a header's worth of text. */
export const reminderAddress = z.email({ error: "Enter an e-mail address like name@example.org, or leave it empty." }).max(254);

const addressHash = (email: string) => signFor("reminder-address", email.trim().toLowerCase());

/**
 * "Remind me later" with an address: one e-mail when the chosen time comes. The answer is the same
 * whether or not the address had asked for no more reminders, so the form reveals nothing about it.
 */
export async function pledgeEmailReminder(
  pledge: { email: string; period: RemindLaterPeriod; placement: string | null; sourcePath: string | null },
  now = new Date(),
): Promise<{ dueAt: Date }> {
  const email = pledge.email.trim();
  const dueAt = new Date(now.getTime() + REMIND_LATER_OPTIONS[pledge.period] * DAY_MS);
  await pledgeReminder({ email, emailHash: addressHash(email), period: pledge.period, placement: pledge.placement, sourcePath: pledge.sourcePath, dueAt });
  return { dueAt };
}

/** The stop link's token: the reminder's id, signed. It does not expire: a way out must keep working. */
export const createReminderToken = (reminderId: number) => `${reminderId}.${signFor("reminder-stop", String(reminderId))}`;

const TOKEN = new RegExp(`^(\\d{1,10})\\.([A-Za-z0-9_-]{${SIGNATURE_LENGTH}})$`);

export function readReminderToken(token: unknown): number | null {
  const match = typeof token === "string" ? TOKEN.exec(token) : null;
  if (!match || !signatureMatches("reminder-stop", match[1]!, match[2]!)) return null;
  return Number(match[1]);
}

export const reminderStopUrl = (reminderId: number) => `${env.SITE_URL}${reminderStopPath}?token=${encodeURIComponent(createReminderToken(reminderId))}`;

/** The pre-filled gift form a reminder links to; the checkout it leads to is counted against the reminder. */
export function reminderGiveUrl(reminderId: number, sourcePath: string | null): string {
  const query = new URLSearchParams({ placement: "reminder", reminder: String(reminderId), ...(sourcePath ? { from: sourcePath } : {}) });
  return `${env.SITE_URL}${supportPath}?${query}`;
}

/** Stops reminders for the address behind a stop token; false for a token that is not ours. */
export async function stopRemindersByToken(token: unknown): Promise<boolean> {
  const id = readReminderToken(token);
  return id !== null && (await stopReminders(id));
}

/** Queues the e-mail of every reminder due by `asOf` (the worker's schedule, or the CLI with a chosen clock). */
export async function queueDueReminders(asOf = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const queued = await sendDueReminders(asOf, async (ledger, reminder) => {
      await queueEmail(ledger, {
        dedupeKey: `reminder:${reminder.id}`,
        kind: "reminder",
        toAddress: reminder.email,
        data: { reminderId: reminder.id, period: reminder.period, sourcePath: reminder.sourcePath },
      });
    });
    total += queued;
    if (queued === 0) return total;
  }
}
