import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db/client";
import { processEventOnce } from "@/db/donations";
import { listOutboxEmails } from "@/db/email-outbox";
import { getReminder, summarizeReminders } from "@/db/reminders";
import { reminders } from "@/db/schema";
import { handleCheckoutSessionCompleted } from "@/lib/stripe/events/checkout-session-completed";
import { DAY_MS } from "@/lib/site/days";
import { createReminderToken, pledgeEmailReminder, queueDueReminders, readReminderToken, stopRemindersByToken } from "./reminders";

const now = new Date("2026-12-03T09:00:00Z");

async function pendingFor(emailPart: string) {
  const rows = await (await getDatabase()).db.select().from(reminders);
  return rows.filter((r) => r.status === "pending" && r.email?.toLowerCase().includes(emailPart));
}

const reminderMails = async (id: number) => (await listOutboxEmails(500)).filter((r) => r.dedupeKey === `reminder:${id}`);

describe("reminders", () => {
  it("keeps one pending reminder per address, at the latest time asked for", async () => {
    await pledgeEmailReminder({ email: "twice@example.org", period: "week", placement: "inline", sourcePath: "/articles/a" }, now);
    await pledgeEmailReminder({ email: " Twice@Example.org ", period: "month", placement: "banner", sourcePath: "/articles/b" }, now);
    const pending = await pendingFor("twice@");
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ period: "month", placement: "banner", sourcePath: "/articles/b", dueAt: new Date(now.getTime() + 30 * DAY_MS) });
  });

  it("queues each due reminder's e-mail once, even from two runs at once, and then forgets the address", async () => {
    const { dueAt } = await pledgeEmailReminder({ email: "due@example.org", period: "week", placement: "dialog", sourcePath: "/" }, now);
    const [pending] = await pendingFor("due@");
    expect(await queueDueReminders(new Date(dueAt.getTime() - 1000))).toBe(0);
    expect(await reminderMails(pending!.id)).toHaveLength(0);

    const runs = await Promise.all([queueDueReminders(dueAt), queueDueReminders(dueAt)]);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const mails = await reminderMails(pending!.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "reminder", toAddress: "due@example.org", status: "pending" });
    const sent = await getReminder(pending!.id);
    expect(sent).toMatchObject({ status: "sent", email: null, sentAt: dueAt });
    expect(sent!.emailHash).not.toContain("due");
    expect(await queueDueReminders(new Date(dueAt.getTime() + DAY_MS))).toBe(0);
    expect(await reminderMails(pending!.id)).toHaveLength(1);
  });

  it("stops an address's reminders from a signed link only, and a stopped address pledges nothing", async () => {
    await pledgeEmailReminder({ email: "stop@example.org", period: "week", placement: "inline", sourcePath: "/" }, now);
    const [pending] = await pendingFor("stop@");
    const token = createReminderToken(pending!.id);
    expect(readReminderToken(token)).toBe(pending!.id);

    const forged = `${pending!.id + 1}.${token.split(".")[1]}`;
    expect(await stopRemindersByToken(forged)).toBe(false);
    expect(await stopRemindersByToken(`${token}x`)).toBe(false);
    expect(await stopRemindersByToken("../../etc/passwd")).toBe(false);
    expect(await pendingFor("stop@")).toHaveLength(1);

    expect(await stopRemindersByToken(token)).toBe(true);
    expect(await getReminder(pending!.id)).toMatchObject({ status: "stopped", email: null });
    expect(await stopRemindersByToken(token)).toBe(true);

    await pledgeEmailReminder({ email: "STOP@example.org", period: "month", placement: "banner", sourcePath: "/" }, now);
    expect(await pendingFor("stop@")).toHaveLength(0);
    await queueDueReminders(new Date(now.getTime() + 60 * DAY_MS));
    expect((await listOutboxEmails(500)).filter((r) => r.toAddress.toLowerCase() === "stop@example.org")).toHaveLength(0);
  });

  it("counts a gift made from a sent reminder's link, once, and not one from a reminder never sent", async () => {
    const { dueAt } = await pledgeEmailReminder({ email: "gives@example.org", period: "week", placement: "inline", sourcePath: "/articles/c" }, now);
    const [sentOne] = await pendingFor("gives@");
    await queueDueReminders(dueAt);
    await pledgeEmailReminder({ email: "notyet@example.org", period: "month", placement: "inline", sourcePath: "/" }, now);
    const [unsent] = await pendingFor("notyet@");

    const completed = (id: string, reminderId: number) =>
      ({
        id,
        type: "checkout.session.completed",
        created: Math.floor(dueAt.getTime() / 1000) + 600,
        data: {
          object: {
            id: `cs_test_${id}`,
            object: "checkout.session",
            mode: "payment",
            payment_status: "paid",
            amount_total: 1000,
            currency: "eur",
            customer: "cus_Reminded1",
            customer_details: { email: "gives@example.org", name: null },
            customer_email: null,
            payment_intent: `pi_${id}`,
            subscription: null,
            metadata: { frequency: "once", placement: "reminder", source_path: "/support", reminder_id: String(reminderId) },
          },
        },
      }) as unknown as Stripe.CheckoutSessionCompletedEvent;
    for (const [id, reminderId] of [["evt_rem_1", sentOne!.id], ["evt_rem_2", sentOne!.id], ["evt_rem_3", unsent!.id]] as const) {
      const event = completed(id, reminderId);
      await processEventOnce({ id: event.id, type: event.type, created: new Date(event.created * 1000) }, (ledger) => handleCheckoutSessionCompleted(event, ledger));
    }
    expect(await getReminder(sentOne!.id)).toMatchObject({ convertedSessionId: "cs_test_evt_rem_1" });
    expect((await getReminder(unsent!.id))?.convertedAt).toBeNull();

    const summary = await summarizeReminders(new Date(0));
    const inlineWeek = summary.find((r) => r.placement === "inline" && r.period === "week");
    expect(inlineWeek).toMatchObject({ converted: 1 });
    expect(inlineWeek!.sent).toBeGreaterThanOrEqual(1);
  });
});
