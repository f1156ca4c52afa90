import { expect, test, type Browser, type Page } from "@playwright/test";
import { emulatorUrl, giveOnSupportPage, queryLedger, runCli, uniqueEmail } from "./helpers";

const password = "correct horse battery staple";

// The first test compares whole-site figures before and after; the second leaves a scheduled
// cancellation behind, so it must not run beside the first. (Other specs only ever undo theirs:
// the comparisons poll, so a change in flight elsewhere settles.)
test.describe.configure({ mode: "serial" });

/** A finance account signed in in a browser of its own (an address of its own for the throttle). */
async function financeDesk(browser: Browser, address: string): Promise<Page> {
  const email = uniqueEmail("finance");
  await runCli("scripts/staff.ts", ["add", email, "--role", "finance"], { input: `${password}\n${password}\n` });
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  const page = await context.newPage();
  await page.goto("/admin/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Supporters");
  return page;
}

const cancellations = async (staff: Page) => {
  await staff.goto("/admin");
  return (await staff.locator("dl > div").filter({ has: staff.getByText("Cancellations", { exact: true }) }).locator("dd").innerText()).replace(/\s+/g, " ").trim();
};

async function subscriptionOf(email: string): Promise<{ id: string; customer: string }> {
  await expect.poll(async () => (await queryLedger("select 1 from subscriptions s join supporters p on p.stripe_customer_id = s.stripe_customer_id where p.email = $1", [email])).length).toBe(1);
  const [row] = await queryLedger<{ id: string; customer: string }>(
    "select s.stripe_subscription_id as id, s.stripe_customer_id as customer from subscriptions s join supporters p on p.stripe_customer_id = s.stripe_customer_id where p.email = $1",
    [email],
  );
  return row!;
}

const ledgerState = async (id: string) =>
  (await queryLedger<{ status: string; cancel_at_period_end: boolean; canceled_at: Date | null }>("select status, cancel_at_period_end, canceled_at from subscriptions where stripe_subscription_id = $1", [id]))[0];

test("Cancel then Don't cancel in the portal leaves the figures and the supporter's status as they were", async ({ page, browser }) => {
  test.slow();
  const staff = await financeDesk(browser, "10.77.0.1");
  const email = uniqueEmail("undo");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€10\b/, email });
  await page.waitForURL(/\/support\/thank-you/);
  const sub = await subscriptionOf(email);
  const before = await cancellations(staff);
  expect(before).toMatch(/^\d+ ended · \d+ scheduled to end$/);
  const scheduled = (text: string) => Number(/· (\d+) scheduled/.exec(text)![1]);

  await page.getByRole("button", { name: "Manage your gift" }).click();
  await page.waitForURL(/\/portal\//);
  await page.locator(`#cancel-${sub.id}`).click();
  await expect(page.getByText("Your subscription will be canceled at the end of the current period.")).toBeVisible();
  await expect.poll(async () => (await ledgerState(sub.id))?.cancel_at_period_end).toBe(true);
  await expect.poll(async () => scheduled(await cancellations(staff))).toBe(scheduled(before) + 1);
  await staff.goto(`/admin/supporters/${sub.customer}`);
  await expect(staff.getByRole("table", { name: "Subscriptions" }).locator("tbody tr")).toContainText(/ending.*active until/);

  await page.locator(`#renew-${sub.id}`).click();
  await expect(page.getByText("Your subscription will continue.")).toBeVisible();
  await expect.poll(async () => await ledgerState(sub.id)).toMatchObject({ status: "active", cancel_at_period_end: false, canceled_at: null });
  await expect.poll(() => cancellations(staff)).toBe(before);
  await staff.goto(`/admin/supporters/${sub.customer}`);
  const row = staff.getByRole("table", { name: "Subscriptions" }).locator("tbody tr");
  await expect(row).toContainText(/active.*renews/);
  await expect(row).not.toContainText(/cancel/i);
});

test("reconciliation finds and repairs a cancellation made behind the app's back, and says so", async ({ page, browser }) => {
  test.slow();
  const staff = await financeDesk(browser, "10.77.0.2");
  const email = uniqueEmail("silent");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€10\b/, email });
  await page.waitForURL(/\/support\/thank-you/);
  const sub = await subscriptionOf(email);

  const change = await fetch(`${emulatorUrl()}/_emulator/subscriptions/${sub.id}/change-silently`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ cancel_at_period_end: true }) });
  expect(change.status).toBe(200);
  expect(await ledgerState(sub.id)).toMatchObject({ cancel_at_period_end: false });

  await staff.goto("/admin");
  await staff.getByRole("button", { name: "Reconcile with Stripe" }).click();
  const report = staff.locator("pre");
  await expect(report).toContainText(`subscription ${sub.id}: cancel_at_period_end is true in Stripe, false in the ledger (repaired from Stripe)`, { timeout: 30_000 });
  await expect(report).toContainText(new RegExp(`subscription ${sub.id}: canceled_at is \\d{4}-.* in Stripe, none in the ledger \\(repaired from Stripe\\)`));
  expect(await ledgerState(sub.id)).toMatchObject({ status: "active", cancel_at_period_end: true });
  await staff.goto(`/admin/supporters/${sub.customer}`);
  await expect(staff.getByRole("table", { name: "Subscriptions" }).locator("tbody tr")).toContainText(/ending/);

  // Nothing left to find the second time.
  await staff.goto("/admin");
  await staff.getByRole("button", { name: "Reconcile with Stripe" }).click();
  await expect(staff.getByText(/^Reconciled .*: /)).toBeVisible({ timeout: 30_000 });
  await expect(report).not.toContainText(sub.id);
});
