import { expect, test, type Page } from "@playwright/test";
import { emulatorUrl, giveOnSupportPage, payOnTestCheckout, queryLedger, uniqueEmail as unique } from "./helpers";

type GiftRow = { frequency: string; amount: number; currency: string; placement: string; source_slug: string | null; cover_fees: boolean; fee_amount: number };
const giftsFor = (email: string) =>
  queryLedger<GiftRow>("select frequency, amount, currency, placement, source_slug, cover_fees, fee_amount from gifts where email = $1", [email]);

async function firstArticlePath(page: Page): Promise<string> {
  await page.goto("/");
  return (await page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link").getAttribute("href"))!;
}

test("give once from /support: Stripe Checkout, the thank-you page, one ledger row", async ({ page }) => {
  const email = unique("once");
  await giveOnSupportPage(page, { frequency: "Once", preset: /^€25\b/, email });
  await page.waitForURL(/\/support\/thank-you\?session_id=cs_/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Thank you/i);
  await expect(page.getByText("€25.00").first()).toBeVisible();
  // Whoever holds the session_id learns the gift, not the supporter's address.
  await expect(page.getByText(`${email[0]}•••@example.org`)).toBeVisible();
  expect(await page.content()).not.toContain(email);

  await expect.poll(() => giftsFor(email)).toEqual([
    { frequency: "once", amount: 2500, currency: "eur", placement: "support_page", source_slug: null, cover_fees: false, fee_amount: 0 },
  ]);
});

test("give monthly from the end of an article, covering the fees, then manage the gift", async ({ page }) => {
  const email = unique("monthly");
  const article = await firstArticlePath(page);
  await page.goto(article);
  const block = page.getByRole("region", { name: "A message from the newsroom" });
  await expect(block).toBeVisible();
  await block.getByRole("radio", { name: "Monthly" }).check();
  await block.getByRole("radio", { name: /^€10\b/ }).check();
  await block.getByLabel("Cover the card fees").check();
  await expect(block.getByText(/You’ll give €10\.54 a month/)).toBeVisible();
  await block.getByRole("button", { name: /Continue to secure payment/ }).click();

  await payOnTestCheckout(page, { email });
  await page.waitForURL(/\/support\/thank-you/);
  await expect(page.getByText(/monthly/i).first()).toBeVisible();
  const slug = article.split("/").pop();
  await expect.poll(() => giftsFor(email)).toEqual([
    { frequency: "monthly", amount: 1054, currency: "eur", placement: "inline", source_slug: slug, cover_fees: true, fee_amount: 54 },
  ]);
  const [sub] = await queryLedger<{ status: string; frequency: string }>(
    "select s.status, s.frequency from subscriptions s join supporters p on p.stripe_customer_id = s.stripe_customer_id where p.email = $1",
    [email],
  );
  expect(sub).toEqual({ status: "active", frequency: "monthly" });

  await page.getByRole("button", { name: "Manage your gift" }).click();
  await page.waitForURL(/\/portal\//);
  await expect(page.getByText(/Monthly support/i).first()).toBeVisible();
});

test("give annually from the reading dialog after a few articles", async ({ page, context }) => {
  const email = unique("annual");
  const article = await firstArticlePath(page);
  await context.addCookies([{ name: "mh_reads", value: "2", url: page.url() }]);
  await page.goto(article);
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await dialog.getByRole("radio", { name: "Annual" }).check();
  await dialog.getByRole("radio", { name: "Other" }).check();
  await dialog.getByLabel(/Other amount/).fill("60");
  await dialog.getByRole("button", { name: /Continue to secure payment/ }).click();

  await payOnTestCheckout(page, { email });
  await page.waitForURL(/\/support\/thank-you/);
  await expect.poll(() => giftsFor(email)).toEqual([
    { frequency: "annual", amount: 6000, currency: "eur", placement: "dialog", source_slug: article.split("/").pop(), cover_fees: false, fee_amount: 0 },
  ]);
});

test("the dialog closes with Esc, returns focus and stays away", async ({ page, context }) => {
  const article = await firstArticlePath(page);
  await context.addCookies([{ name: "mh_reads", value: "5", url: page.url() }]);
  await page.goto(article);
  // Focus on a link (the dialog waits while someone is typing in a field).
  const kicker = page.locator("article header a.kicker");
  await kicker.focus();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(kicker).toBeFocused();
  await page.reload();
  await page.waitForTimeout(4_000);
  await expect(page.getByRole("dialog")).toBeHidden();
});

test("a declined card leaves the reader on checkout with a clear error and writes nothing", async ({ page }) => {
  const email = unique("declined");
  await page.goto("/support");
  await page.getByRole("radio", { name: "Once" }).first().check();
  await page.getByRole("button", { name: /Continue to secure payment/ }).first().click();
  await payOnTestCheckout(page, { email, card: "4000 0000 0000 0002" });
  await expect(page.getByRole("alert")).toContainText(/declined/i);
  await expect(page).toHaveURL(/\/pay\/cs_/);
  expect(await giftsFor(email)).toEqual([]);
});

test("bad amounts are refused on the server with a clear message and no Stripe call", async ({ page, request }) => {
  // €1 is below every minimum, so no other spec makes a session of that amount.
  const sessionsOfOneEuro = async () => {
    const res = await request.get(`${emulatorUrl()}/v1/checkout/sessions?limit=100`, { headers: { authorization: "Bearer sk_test_emulator" } });
    return ((await res.json()) as { data: { amount_total: number }[] }).data.filter((s) => s.amount_total === 100).length;
  };
  await page.goto("/support");
  await page.getByRole("radio", { name: "Other" }).first().check();
  await page.getByLabel(/Other amount/).first().fill("1");
  await page.getByRole("button", { name: /Continue to secure payment/ }).first().click();
  await expect(page.getByText(/from €2/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/support/);
  expect(await sessionsOfOneEuro()).toBe(0);
});

test("remind me later hides the ask across reloads until the chosen time", async ({ page, context }) => {
  const article = await firstArticlePath(page);
  await page.goto(article);
  const block = page.getByRole("region", { name: "A message from the newsroom" });
  await expect(block).toBeVisible();
  await block.getByRole("button", { name: /in a week/i }).click();
  await expect(block).toBeHidden();
  await page.reload();
  await expect(page.getByRole("region", { name: "A message from the newsroom" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Support us" })).toBeHidden();
  const snooze = (await context.cookies()).find((c) => c.name === "mh_ask_snooze")!;
  const days = (Number(snooze.value) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThan(7.1);

  // The cookie ends when the snooze does (the server reads its presence), so a week later the browser has dropped it.
  expect(Math.abs(snooze.expires - Number(snooze.value) / 1000)).toBeLessThan(60);
  await context.clearCookies({ name: "mh_ask_snooze" });
  await page.reload();
  await expect(page.getByRole("region", { name: "A message from the newsroom" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole gift works as plain HTML forms", async ({ page }) => {
    const email = unique("nojs");
    await page.goto("/support");
    await page.getByRole("radio", { name: "Once" }).first().check();
    await page.getByRole("radio", { name: "Other" }).first().check();
    await page.getByLabel(/Other amount/).first().fill("12.50");
    await page.getByRole("button", { name: "Continue", exact: true }).first().click();
    // The server reads the gift back before anything is charged.
    await expect(page.getByRole("heading", { name: "Check your gift" })).toBeVisible();
    await expect(page.getByText("You’ll give €12.50 once.")).toBeVisible();
    await page.getByRole("button", { name: /Continue to secure payment/ }).first().click();
    await payOnTestCheckout(page, { email });
    await page.waitForURL(/\/support\/thank-you/);
    await expect(page.getByText("€12.50").first()).toBeVisible();
    await expect.poll(() => giftsFor(email)).toEqual([
      { frequency: "once", amount: 1250, currency: "eur", placement: "support_page", source_slug: null, cover_fees: false, fee_amount: 0 },
    ]);
  });

  test("a bad amount comes back with the reason", async ({ page }) => {
    await page.goto("/support");
    await page.getByRole("radio", { name: "Other" }).first().check();
    await page.getByLabel(/Other amount/).first().fill("99999");
    await page.getByRole("button", { name: "Continue", exact: true }).first().click();
    await expect(page.getByText(/to €1,000|to €10,000/).first()).toBeVisible();
  });

  test("remind me later works as a form", async ({ page, context }) => {
    const article = await firstArticlePath(page);
    await page.goto(article);
    await page.getByRole("button", { name: /in a month/i }).first().click();
    await page.waitForURL(new RegExp(article));
    const snooze = (await context.cookies()).find((c) => c.name === "mh_ask_snooze");
    expect(Number(snooze?.value) - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });
});
