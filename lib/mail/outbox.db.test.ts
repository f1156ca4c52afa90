import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase } from "@/db/client";
import { processEventOnce, upsertSupporter } from "@/db/donations";
import { getOutboxEmail, listOutboxEmails, queueEmail } from "@/db/email-outbox";
import { JOB_QUEUE_SCHEMA } from "@/db/job-queue";
import { env } from "@/lib/env";
import { readManageToken } from "@/lib/supporters/manage-link";
import { pledgeEmailReminder, queueDueReminders, readReminderToken } from "@/lib/supporters/reminders";
import { getReminder } from "@/db/reminders";
import { startMailCatcher, type MailCatcher } from "./catcher";
import { queueReceipt } from "./queue-email";

let catcher: MailCatcher;
beforeAll(async () => {
  // Where the site's transport sends without SMTP_URL (vitest.config.ts gives each project its own port).
  catcher = await startMailCatcher({ smtpPort: env.MAIL_CATCHER_SMTP_PORT, webPort: 0 });
});
afterAll(async () => {
  await catcher.stop();
});

const jobsFor = async (outboxId: number) =>
  (await (await getDatabase()).db.execute(sql.raw(`select state from ${JOB_QUEUE_SCHEMA}.job where name = 'email' and data->>'outboxId' = '${outboxId}'`))).length;

const receipt = (paidFor: string, to: string | null = "reader@example.org") => ({
  paidFor,
  to,
  customerId: "cus_Outbox1",
  amount: 1500,
  currency: "eur",
  frequency: "monthly" as const,
  paidAt: "2026-12-02T10:00:00.000Z",
  nextPaymentAt: "2027-01-02T10:00:00.000Z",
  reference: "in_outbox",
  name: "Ada",
});

describe("the e-mail outbox", () => {
  it("writes the e-mail and its job in the event's transaction, once per payment however often the event comes", async () => {
    const stamp = (id: string) => ({ id, type: "invoice.paid", created: new Date() });
    await processEventOnce(stamp("evt_out_1"), async (ledger) => {
      await queueReceipt(ledger, receipt("in_once"));
    });
    // The same payment through another event (reconciliation's reapply, a second delivery path), twice at once.
    await Promise.all(
      ["evt_out_2", "evt_out_3"].map((id) =>
        processEventOnce(stamp(id), async (ledger) => {
          await queueReceipt(ledger, receipt("in_once"));
        }),
      ),
    );
    const rows = (await listOutboxEmails()).filter((r) => r.dedupeKey === "receipt:in_once");
    expect(rows).toHaveLength(1);
    expect(await jobsFor(rows[0]!.id)).toBe(1);
  });

  it("leaves neither the e-mail nor its job when the transaction fails", async () => {
    await expect(
      processEventOnce({ id: "evt_out_rollback", type: "invoice.paid", created: new Date() }, async (ledger) => {
        await queueReceipt(ledger, receipt("in_rolled_back"));
        throw new Error("the ledger write failed");
      }),
    ).rejects.toThrow("the ledger write failed");
    expect((await listOutboxEmails()).some((r) => r.dedupeKey === "receipt:in_rolled_back")).toBe(false);
    expect((await (await getDatabase()).db.execute(sql.raw(`select 1 from ${JOB_QUEUE_SCHEMA}.job where data::text like '%rolled_back%'`))).length).toBe(0);
  });

  it("queues nothing without a usable address", async () => {
    await processEventOnce({ id: "evt_out_noaddr", type: "invoice.paid", created: new Date() }, async (ledger) => {
      expect(await queueReceipt(ledger, receipt("in_noaddr", null))).toBeNull();
      expect(await queueReceipt(ledger, receipt("in_badaddr", "someone@example.org\r\nBcc: all@example.org"))).toBeNull();
    });
    expect((await listOutboxEmails()).some((r) => r.dedupeKey.startsWith("receipt:in_noaddr") || r.dedupeKey.startsWith("receipt:in_badaddr"))).toBe(false);
  });
});

describe("the worker", () => {
  it("sends over SMTP once, retries while the mail server is down, and the receipt's manage link opens", async () => {
    const { startJobWorker } = await import("@/lib/jobs/worker");
    await processEventOnce({ id: "evt_out_send", type: "invoice.paid", created: new Date() }, async (ledger) => {
      await upsertSupporter(ledger, { stripeCustomerId: "cus_Outbox1", email: "reader@example.org", name: "Ada", at: new Date() });
    });
    await fetch(`${catcher.webUrl}/api/smtp`, { method: "POST", body: '{"down": true}' });
    let id: number | null = null;
    await processEventOnce({ id: "evt_out_send2", type: "invoice.paid", created: new Date() }, async (ledger) => {
      id = await queueReceipt(ledger, receipt("in_sent"));
    });
    const worker = await startJobWorker(await getDatabase(), { pollingIntervalSeconds: 0.5 });
    try {
      const until = async (check: () => Promise<boolean>) => {
        for (let i = 0; i < 120 && !(await check()); i++) await new Promise((r) => setTimeout(r, 250));
      };
      await until(async () => ((await getOutboxEmail(id!))?.attempts ?? 0) >= 1);
      const failed = await getOutboxEmail(id!);
      expect(failed).toMatchObject({ status: "pending", attempts: 1 });
      expect(failed?.lastError).toMatch(/down/i);
      expect(catcher.messages().filter((m) => m.messageId?.includes("receipt-in_sent"))).toHaveLength(0);

      await fetch(`${catcher.webUrl}/api/smtp`, { method: "POST", body: '{"down": false}' });
      await until(async () => (await getOutboxEmail(id!))?.status === "sent");
      const sent = await getOutboxEmail(id!);
      expect(sent?.status).toBe("sent");
      const mail = catcher.messages().filter((m) => m.messageId === sent?.messageId);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to).toEqual(["reader@example.org"]);
      expect(mail[0]!.subject).toBe("Thank you: your monthly gift of €15.00 to Masthead");
      expect(mail[0]!.text).toContain("Your next payment of €15.00 is due on 2 January 2027.");
      expect(mail[0]!.html).toContain("Manage your gift");
      const link = /https?:\/\/[^\s"<>]+\/support\/manage\?token=([^\s"<>&]+)/.exec(mail[0]!.text)?.[1];
      expect(readManageToken(decodeURIComponent(link ?? ""))).toMatchObject({ ok: true, claim: { customerId: "cus_Outbox1", version: 1 } });
    } finally {
      await worker.stop();
    }
  });

  it("sends a due reminder with a link to the gift form and a one-click stop (RFC 8058) that names the same reminder", async () => {
    const { startJobWorker } = await import("@/lib/jobs/worker");
    const pledgedAt = new Date("2026-12-01T08:00:00Z");
    const { dueAt } = await pledgeEmailReminder({ email: "remind.me@example.org", period: "week", placement: "inline", sourcePath: "/articles/a-story" }, pledgedAt);
    expect(await queueDueReminders(dueAt)).toBe(1);
    const worker = await startJobWorker(await getDatabase(), { pollingIntervalSeconds: 0.5 });
    try {
      const mine = () => catcher.messages().filter((m) => m.to.includes("remind.me@example.org"));
      for (let i = 0; i < 120 && mine().length === 0; i++) await new Promise((r) => setTimeout(r, 250));
      const [mail] = mine();
      expect(mail?.subject).toBe("The reminder you asked for: supporting Masthead");
      const give = /https?:\/\/[^\s"<>\]]+\/support\?[^\s"<>\]]+/.exec(mail!.text)?.[0];
      const query = new URL(give!).searchParams;
      expect(query.get("placement")).toBe("reminder");
      expect(query.get("from")).toBe("/articles/a-story");
      const reminderId = Number(query.get("reminder"));
      expect((await getReminder(reminderId))?.status).toBe("sent");

      const stop = /https?:\/\/[^\s"<>\]]+\/support\/manage\/stop-reminders\?token=[^\s"<>\]]+/.exec(mail!.text)?.[0];
      expect(readReminderToken(new URL(stop!).searchParams.get("token"))).toBe(reminderId);
      expect(mail!.headerLines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      const oneClick = mail!.headerLines.find((l) => l.startsWith("List-Unsubscribe:"));
      const url = /<(https?:\/\/[^>]+)>/.exec(oneClick ?? "")?.[1];
      expect(new URL(url!).pathname).toBe("/api/reminders/stop");
      expect(readReminderToken(new URL(url!).searchParams.get("token"))).toBe(reminderId);
    } finally {
      await worker.stop();
    }
  });
});
