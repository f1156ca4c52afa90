import { expect, test, type APIRequestContext } from "@playwright/test";
import { maskEmail } from "../lib/site/format";
import { emulatorUrl, expectNoSeriousA11yViolations, giveOnSupportPage, queryLedger, runCli, serverEnv, uniqueEmail } from "./helpers";

/** The staff's Supporters panel: failed renewals and their recovery, changes, reminders, and the outbox with a resend. */

const inboxUrl = () => `http://127.0.0.1:${serverEnv().MAIL_CATCHER_WEB_PORT}`;
const subjectsFor = async (request: APIRequestContext, email: string) =>
  ((await (await request.get(`${inboxUrl()}/api/messages`)).json()) as { to: string[]; subject: string }[]).filter((m) => m.to.includes(email)).map((m) => m.subject);

test("shows a failed renewal and its recovery, and sends again an e-mail the queue gave up on", async ({ page, request }) => {
  const staff = uniqueEmail("panel-staff");
  const password = "correct horse battery staple";
  expect((await runCli("scripts/staff.ts", ["add", staff, "--name", "Panel Tester", "--role", "finance"], { input: `${password}\n${password}\n` })).code).toBe(0);

  const supporter = uniqueEmail("panel");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€5\b/, email: supporter });
  await page.waitForURL(/\/support\/thank-you/);
  type Sub = { id: string; customer: string; status: string };
  const sub = async () => (await queryLedger<Sub>("select s.stripe_subscription_id as id, s.stripe_customer_id as customer, s.status from subscriptions s join supporters p using (stripe_customer_id) where p.email = $1", [supporter]))[0];
  await expect.poll(async () => (await sub())?.status).toBe("active");
  const { id, customer } = (await sub())!;
  const renewed = await request.post(`${emulatorUrl()}/_emulator/subscriptions/${id}/renew`, { data: { fail: true } });
  const invoice = ((await renewed.json()) as { invoice: { id: string } }).invoice.id;
  await expect.poll(async () => (await sub())?.status).toBe("past_due");
  expect((await request.post(`${emulatorUrl()}/_emulator/invoices/${invoice}/retry`, { data: {} })).status()).toBe(200);
  await expect.poll(async () => (await queryLedger<{ recovered: boolean }>("select recovered_at is not null as recovered from payment_failures where stripe_invoice_id = $1", [invoice]))[0]?.recovered).toBe(true);

  // An e-mail the queue gave up on (ten refused attempts), as the worker leaves it.
  await queryLedger("insert into email_outbox (dedupe_key, kind, to_address, data, status, attempts, last_error) values ($1, 'manage_link', $2, $3::jsonb, 'failed', 10, 'Mail command failed: 421 (test)')", [
    `manage-link:${customer}:panel`,
    supporter,
    JSON.stringify({ customerId: customer }),
  ]);

  await page.goto("/admin/supporters");
  await page.getByLabel("E-mail").fill(staff);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/supporters$/);
  await expect(page.getByRole("heading", { level: 1, name: "Supporters" })).toBeVisible();
  const failures = page.locator("section", { has: page.getByRole("heading", { name: "Failed renewals" }) });
  const row = failures.locator("tr", { hasText: maskEmail(supporter) }).filter({ hasText: "€5.00" }).filter({ hasText: "Your card was declined. (generic_decline)" }).filter({ hasText: "Recovered" });
  await expect(row.first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const outbox = page.locator("section", { has: page.getByRole("heading", { name: "E-mail outbox" }) });
  const failed = outbox.locator("tr", { hasText: "421 (test)" });
  await expect(failed).toHaveCount(1);
  await failed.getByRole("button", { name: "Send again" }).click();
  await expect(failed.getByRole("status")).toContainText("Queued again");
  await expect.poll(async () => subjectsFor(request, supporter), { timeout: 20_000 }).toContain("Your link to manage your gifts to Masthead");
  await expect.poll(async () => (await queryLedger<{ status: string }>("select status from email_outbox where dedupe_key = $1", [`manage-link:${customer}:panel`]))[0]?.status).toBe("sent");
});
