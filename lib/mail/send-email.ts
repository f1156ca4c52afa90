import { render } from "@react-email/render";
import { createElement } from "react";
import { getOutboxEmail, markEmailAttemptFailed, markEmailSent } from "@/db/email-outbox";
import type { OutboxEmail } from "@/db/schema";
import { getManageLinkVersion } from "@/db/supporters";
import { env } from "@/lib/env";
import { createManageToken, manageUrl } from "@/lib/supporters/manage-link";
import { createReminderToken, reminderGiveUrl, reminderStopUrl } from "@/lib/supporters/reminders";
import { monthlyOfferPath, reminderOneClickPath } from "@/lib/site/paths";
import { PaymentFailedEmail, paymentFailedSubject, type PaymentFailedData } from "./templates/payment-failed";
import { ManageLinkEmail, manageLinkSubject } from "./templates/manage-link";
import { ReceiptEmail, receiptSubject, type ReceiptData } from "./templates/receipt";
import { ReminderEmail, reminderSubject } from "./templates/reminder";
import { ReconciliationEmail, reconciliationSubject } from "./templates/reconciliation";
import { getMailTransport, replyAddress } from "./transport";

type Rendered = { subject: string; html: string; text: string; headers?: Record<string, string> };

async function manageLinkFor(customerId: string | null): Promise<string | null> {
  const version = customerId ? await getManageLinkVersion(customerId) : null;
  return customerId && version !== null ? manageUrl(createManageToken(customerId, version)) : null;
}

/** Templates render when the e-mail is sent, so a manage link is fresh and of the supporter's current version. */
async function renderEmail(row: OutboxEmail): Promise<Rendered> {
  if (row.kind === "receipt") {
    const data = row.data as ReceiptData & { customerId: string | null };
    const link = await manageLinkFor(data.customerId);
    const element = createElement(ReceiptEmail, { data, siteName: env.SITE_NAME, manageUrl: link, supportEmail: replyAddress(), monthlyUrl: `${env.SITE_URL}${monthlyOfferPath}` });
    return { subject: receiptSubject(data, env.SITE_NAME), html: await render(element), text: await render(element, { plainText: true }) };
  }
  if (row.kind === "payment_failed") {
    const data = row.data as PaymentFailedData & { customerId: string | null };
    const link = await manageLinkFor(data.customerId);
    const element = createElement(PaymentFailedEmail, { data, siteName: env.SITE_NAME, manageUrl: link });
    return { subject: paymentFailedSubject(env.SITE_NAME), html: await render(element), text: await render(element, { plainText: true }) };
  }
  if (row.kind === "manage_link") {
    const { customerId } = row.data as { customerId: string };
    const version = await getManageLinkVersion(customerId);
    if (version === null) throw new Error("the supporter of a manage-link e-mail is gone");
    const element = createElement(ManageLinkEmail, { siteName: env.SITE_NAME, manageUrl: manageUrl(createManageToken(customerId, version)), days: env.MANAGE_LINK_DAYS });
    return { subject: manageLinkSubject(env.SITE_NAME), html: await render(element), text: await render(element, { plainText: true }) };
  }
  if (row.kind === "reminder") {
    const { reminderId, period, sourcePath } = row.data as { reminderId: number; period: string; sourcePath: string | null };
    const stopUrl = reminderStopUrl(reminderId);
    const element = createElement(ReminderEmail, { siteName: env.SITE_NAME, giveUrl: reminderGiveUrl(reminderId, sourcePath), stopUrl, period });
    // RFC 8058: mail clients offer their own "unsubscribe" button, which POSTs to the one-click address.
    const oneClick = `${env.SITE_URL}${reminderOneClickPath}?token=${encodeURIComponent(createReminderToken(reminderId))}`;
    const headers = { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
    return { subject: reminderSubject(env.SITE_NAME), html: await render(element), text: await render(element, { plainText: true }), headers };
  }
  if (row.kind === "reconciliation") {
    const { lines, disagreements } = row.data as { lines: string[]; disagreements: number };
    const element = createElement(ReconciliationEmail, { siteName: env.SITE_NAME, lines, adminUrl: `${env.SITE_URL}/admin` });
    return { subject: reconciliationSubject(env.SITE_NAME, disagreements), html: await render(element), text: await render(element, { plainText: true }) };
  }
  throw new Error(`no template for e-mail kind "${row.kind}"`);
}

/** One stable id per outbox row: a copy that is ever sent twice (a crash after SMTP accepted it) is the same message. */
const messageIdFor = (row: OutboxEmail) => `<${row.id}.${row.dedupeKey.replace(/[^A-Za-z0-9_.-]/g, "-")}@${new URL(env.SITE_URL).hostname}>`;

/**
 * Sends one outbox e-mail, the job queue's unit of work. A row already sent is not sent again (the
 * job ran twice); a failure is recorded and rethrown, so the queue retries it with backoff.
 */
export async function sendOutboxEmail(outboxId: number, { lastAttempt }: { lastAttempt: boolean }): Promise<"sent" | "already sent" | "missing"> {
  const row = await getOutboxEmail(outboxId);
  if (!row) return "missing";
  if (row.status !== "pending") return "already sent";
  const messageId = messageIdFor(row);
  try {
    const { headers, ...message } = await renderEmail(row);
    await getMailTransport().sendMail({ from: env.MAIL_FROM, to: row.toAddress, replyTo: replyAddress(), messageId, ...message, headers: { "Auto-Submitted": "auto-generated", ...headers } });
  } catch (error) {
    await markEmailAttemptFailed(row.id, error instanceof Error ? error.message : String(error), lastAttempt);
    throw error;
  }
  await markEmailSent(row.id, messageId);
  return "sent";
}
