import { expect, test, type APIRequestContext } from "@playwright/test";
import { emulatorUrl, giveOnSupportPage, payOnTestCheckout, queryLedger, serverEnv, uniqueEmail as unique } from "./helpers";
const inboxUrl = () => `http://127.0.0.1:${serverEnv().MAIL_CATCHER_WEB_PORT}`;

type Caught = { id: number; to: string[]; subject: string; text: string; html: string | null; messageId: string | null };

/** What the local mail catcher received for this address, over its own HTTP API (the mail came over real SMTP). */
async function mailFor(request: APIRequestContext, email: string): Promise<Caught[]> {
  const all = (await (await request.get(`${inboxUrl()}/api/messages`)).json()) as Caught[];
  return all.filter((m) => m.to.includes(email));
}

const manageLinkIn = (mail: Caught) => /https?:\/\/[^\s"<>]+\/support\/manage\?token=[^\s"<>]+/.exec(mail.text)?.[0];

test("a monthly gift's receipt arrives once, and its link manages the gift: cancel, then keep it", async ({ page, request }) => {
  const email = unique("receipt");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€10\b/, email });
  await page.waitForURL(/\/support\/thank-you/);

  await expect.poll(async () => (await mailFor(request, email)).length, { timeout: 20_000 }).toBe(1);
  const [receipt] = await mailFor(request, email);
  expect(receipt!.subject).toBe("Thank you: your monthly gift of €10.00 to Masthead");
  expect(receipt!.text).toMatch(/Your next payment of €10\.00 is due on \d{1,2} \w+ \d{4}\./);
  expect(receipt!.html).toContain("Manage your gift");
  const link = manageLinkIn(receipt!);
  expect(link).toBeTruthy();

  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(page.getByRole("heading", { level: 1, name: "Manage your gift" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "€10.00 a month" })).toBeVisible();
  await expect(page.getByText(/^Active\. Next payment on/)).toBeVisible();
  expect(await page.getAttribute('meta[name="referrer"]', "content")).toBe("same-origin");

  await page.getByRole("link", { name: "Cancel this gift…" }).click();
  await page.getByRole("button", { name: "Yes, cancel this gift" }).click();
  await expect(page.getByRole("status")).toContainText("Your gift is cancelled from the end of the period");
  // Stripe's webhook, not the button, writes the ledger.
  const cancelState = () => queryLedger<{ cancel_at_period_end: boolean }>("select s.cancel_at_period_end from subscriptions s join supporters p using (stripe_customer_id) where p.email = $1", [email]);
  await expect.poll(async () => (await cancelState())[0]?.cancel_at_period_end).toBe(true);
  await page.reload();
  await expect(page.getByText(/^Cancelled: your last payment covers you until/)).toBeVisible();

  await page.getByRole("button", { name: "Keep my gift" }).click();
  await expect(page.getByRole("status")).toContainText("Your gift continues");
  await expect.poll(async () => (await cancelState())[0]?.cancel_at_period_end).toBe(false);

  // The same webhook delivered again changes nothing and sends nothing.
  expect(await mailFor(request, email)).toHaveLength(1);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("asking for a link gives the same answer for a known and an unknown address, and only the known one gets mail", async ({ page, request }) => {
    const known = unique("known");
    await page.goto("/support");
    await page.getByRole("radio", { name: "Once" }).first().check();
    await page.getByRole("radio", { name: "Other" }).first().check();
    await page.getByLabel(/Other amount/).first().fill("7");
    await page.getByRole("button", { name: "Continue", exact: true }).first().click();
    await page.getByRole("button", { name: /Continue to secure payment/ }).first().click();
    await payOnTestCheckout(page, { email: known });
    await page.waitForURL(/\/support\/thank-you/);
    await expect.poll(async () => (await mailFor(request, known)).length, { timeout: 20_000 }).toBe(1);

    const answers: string[] = [];
    for (const address of [known, unique("stranger")]) {
      await page.goto("/support/manage");
      await page.getByLabel("Your e-mail address").fill(address);
      await page.getByRole("button", { name: "Send me a link" }).click();
      await expect(page).toHaveURL(/\/support\/manage\?sent=1$/);
      answers.push(await page.locator("main").innerText());
    }
    expect(answers[0]).toBe(answers[1]);
    await expect.poll(async () => (await mailFor(request, known)).map((m) => m.subject), { timeout: 20_000 }).toContain("Your link to manage your gifts to Masthead");
    const linkMail = (await mailFor(request, known)).find((m) => m.subject.startsWith("Your link"))!;

    // Asking again at once sends nothing more (one link per ten minutes per supporter).
    await page.goto("/support/manage");
    await page.getByLabel("Your e-mail address").fill(known);
    await page.getByRole("button", { name: "Send me a link" }).click();
    await page.waitForTimeout(1500);
    expect((await mailFor(request, known)).filter((m) => m.subject.startsWith("Your link"))).toHaveLength(1);

    // The link shows the one-time gift; ending the links makes it a calm "no longer valid" page.
    const link = new URL(manageLinkIn(linkMail)!);
    await page.goto(link.pathname + link.search);
    await expect(page.getByRole("cell", { name: "one-time gift" })).toBeVisible();
    await page.getByRole("button", { name: "End my manage links" }).click();
    await expect(page.getByRole("status")).toContainText("every manage link we have sent you has stopped working");
    const again = await page.goto(link.pathname + link.search);
    expect(again?.status()).toBe(200);
    await expect(page.getByRole("alert")).toContainText("That link has expired or is no longer valid. Nothing was changed.");
    await expect(page.getByRole("cell", { name: "one-time gift" })).toHaveCount(0);
  });

  test("a forged or tampered token gets the calm page, never someone's gifts", async ({ page }) => {
    for (const token of ["cus_Nobody.9999999999.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "garbage", "<script>alert(1)</script>"]) {
      const res = await page.goto(`/support/manage?token=${encodeURIComponent(token)}`);
      expect(res?.status(), token).toBe(200);
      await expect(page.getByRole("alert")).toContainText("That link has expired or is no longer valid.");
      await expect(page.getByLabel("Your e-mail address")).toBeVisible();
    }
  });
});

test("a failed renewal gets one calm e-mail with a link to the card, and the new card pays the invoice: the recovery", async ({ page, request }) => {
  const email = unique("renewal");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€5\b/, email });
  await page.waitForURL(/\/support\/thank-you/);
  const subscriptionOf = () => queryLedger<{ id: string; status: string }>("select s.stripe_subscription_id as id, s.status from subscriptions s join supporters p using (stripe_customer_id) where p.email = $1", [email]);
  await expect.poll(async () => (await subscriptionOf())[0]?.status).toBe("active");
  const subscription = (await subscriptionOf())[0]!.id;

  const renewed = await request.post(`${emulatorUrl()}/_emulator/subscriptions/${subscription}/renew`, { data: { fail: true } });
  expect(renewed.status()).toBe(200);
  const invoice = ((await renewed.json()) as { invoice: { id: string } }).invoice.id;
  await expect.poll(async () => (await subscriptionOf())[0]?.status).toBe("past_due");
  await expect.poll(async () => (await mailFor(request, email)).map((m) => m.subject), { timeout: 20_000 }).toContain("Your gift to Masthead did not go through");
  const failed = (await mailFor(request, email)).find((m) => m.subject.includes("did not go through"))!;
  expect(failed.text).toContain("€5.00");
  expect(failed.text).toMatch(/We will try again on \d{1,2} \w+ \d{4}\./);
  const link = new URL(manageLinkIn(failed)!);
  await page.goto(link.pathname + link.search);
  await expect(page.getByText("Your last payment did not go through. Please update your card.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Update card" })).toBeVisible();

  // The supporter puts in a new card on Stripe's page; Stripe pays the open invoice with it.
  await page.getByRole("button", { name: "Update card" }).click();
  await page.waitForURL(/\/portal\//);
  await page.getByLabel("New card number").fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: "Update payment method" }).click();
  await expect(page.getByRole("alert")).toContainText("Your card was declined.");
  expect((await subscriptionOf())[0]?.status).toBe("past_due");
  await page.getByLabel("New card number").fill("5555 5555 5555 4444");
  await page.getByRole("button", { name: "Update payment method" }).click();
  await expect(page.getByRole("status")).toHaveText("Your payment method has been updated.");
  await expect.poll(async () => (await subscriptionOf())[0]?.status).toBe("active");
  await expect.poll(async () => (await queryLedger<{ recovered: boolean }>("select recovered_at is not null as recovered from payment_failures where stripe_invoice_id = $1", [invoice]))[0]?.recovered).toBe(true);
  await page.getByRole("link", { name: "← Return to the site" }).click();
  await expect(page.getByRole("status")).toContainText("Changes to your card are saved with Stripe.");
  await expect.poll(async () => (await queryLedger("select 1 from gifts where stripe_invoice_id = $1", [invoice])).length).toBe(1);
  await expect.poll(async () => (await mailFor(request, email)).filter((m) => m.subject.startsWith("Thank you")).length, { timeout: 20_000 }).toBe(2);
  expect((await mailFor(request, email)).filter((m) => m.subject.includes("did not go through"))).toHaveLength(1);
});

test("from the receipt's link, without JavaScript: pause, a paused renewal charges nothing, resume, change the amount, switch to annual, and cancel after being offered a pause", async ({ browser, request }) => {
  const email = unique("lifecycle");
  const withJs = await browser.newPage();
  await giveOnSupportPage(withJs, { frequency: "Monthly", preset: /^€10\b/, email });
  await withJs.waitForURL(/\/support\/thank-you/);
  await withJs.close();
  await expect.poll(async () => (await mailFor(request, email)).length, { timeout: 20_000 }).toBe(1);
  const link = new URL(manageLinkIn((await mailFor(request, email))[0]!)!);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const open = () => page.goto(link.pathname + link.search);
  type Row = { id: string; amount: number; frequency: string; pause_behavior: string | null; pause_resumes_at: Date | null; cancel_at_period_end: boolean };
  const gift = async () =>
    (await queryLedger<Row>("select s.stripe_subscription_id as id, s.amount, s.frequency, s.pause_behavior, s.pause_resumes_at, s.cancel_at_period_end from subscriptions s join supporters p using (stripe_customer_id) where p.email = $1", [email]))[0];
  const payments = async () => (await queryLedger<{ frequency: string; amount: number }>("select frequency, amount from gifts where email = $1 order by paid_at, id", [email]));
  const changes = async (id: string) => (await queryLedger<{ kind: string }>("select kind from subscription_changes where stripe_subscription_id = $1 order by changed_at, kind", [id])).map((c) => c.kind);
  await expect.poll(async () => (await gift())?.amount).toBe(1000);
  const subscription = (await gift())!.id;

  await open();
  await page.getByRole("button", { name: "Pause for 2 months" }).click();
  await expect(page.getByRole("status")).toContainText("Your gift is paused");
  await expect.poll(async () => (await gift())?.pause_behavior).toBe("void");
  const resumesAt = (await gift())!.pause_resumes_at!;
  expect(new Date(resumesAt).getTime() - Date.now()).toBeGreaterThan(58 * 86_400_000);
  await open();
  await expect(page.getByText(/^Paused: no payments until \d{1,2} \w+ \d{4}, then your gift restarts by itself\.$/)).toBeVisible();

  // The month's renewal while paused: Stripe voids the invoice, so the ledger records no payment.
  const renewal = await request.post(`${emulatorUrl()}/_emulator/subscriptions/${subscription}/renew`, { data: {} });
  expect(((await renewal.json()) as { invoice: { status: string } }).invoice.status).toBe("void");

  await page.getByRole("button", { name: "Resume now" }).click();
  await expect(page.getByRole("status")).toContainText("Your gift is running again");
  await expect.poll(async () => (await gift())?.pause_behavior).toBeNull();
  // The resume's webhook came after the voided renewal's: by now that one has been seen, and paid nothing.
  expect(await payments()).toEqual([{ frequency: "monthly", amount: 1000 }]);

  await open();
  const change = page.getByRole("group", { name: "Change your gift" });
  await change.getByLabel("Amount (EUR)").fill("0.10");
  await change.getByRole("button", { name: "Save change" }).click();
  await expect(page.getByRole("alert")).toContainText("Please enter an amount from €");
  await expect.poll(async () => (await gift())?.amount).toBe(1000);
  await page.getByRole("group", { name: "Change your gift" }).getByLabel("Amount (EUR)").fill("12.50");
  await page.getByRole("group", { name: "Change your gift" }).getByRole("button", { name: "Save change" }).click();
  await expect(page.getByRole("status")).toContainText("Your new amount applies from your next payment");
  await expect.poll(async () => (await gift())?.amount).toBe(1250);
  expect(await payments()).toHaveLength(1);

  await open();
  await page.getByRole("group", { name: "Change your gift" }).getByLabel("Amount (EUR)").fill("100");
  await page.getByRole("group", { name: "Change your gift" }).getByRole("radio", { name: "Every year" }).check();
  await page.getByRole("group", { name: "Change your gift" }).getByRole("button", { name: "Save change" }).click();
  await expect(page.getByRole("status")).toContainText("start today");
  await expect.poll(async () => (await gift())?.frequency).toBe("annual");
  await expect.poll(payments).toEqual([{ frequency: "monthly", amount: 1000 }, { frequency: "annual", amount: 10000 }]);
  await open();
  await expect(page.getByRole("heading", { name: "€100.00 a year" })).toBeVisible();

  await page.getByRole("link", { name: "Cancel this gift…" }).click();
  await expect(page.getByRole("group", { name: /Need a break instead\?/ }).getByRole("button", { name: "Pause for 1 month" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, cancel this gift" }).click();
  await expect.poll(async () => (await gift())?.cancel_at_period_end).toBe(true);
  expect(await changes(subscription)).toEqual(expect.arrayContaining(["paused", "resumed", "amount_changed", "frequency_changed"]));
  await context.close();
});

test("a one-time giver is offered a monthly gift on the thank-you page and in the receipt, and the offer opens the form set to monthly", async ({ page, request }) => {
  const email = unique("offer");
  await giveOnSupportPage(page, { frequency: "Once", preset: /^€10\b/, email });
  await page.waitForURL(/\/support\/thank-you/);
  await expect(page.getByRole("heading", { name: "Make it monthly?" })).toBeVisible();
  await expect.poll(async () => (await mailFor(request, email)).length, { timeout: 20_000 }).toBe(1);
  const receipt = (await mailFor(request, email))[0]!;
  const offer = new URL(/https?:\/\/[^\s"<>\]]+\/support\?placement=monthly_offer[^\s"<>\]]*/.exec(receipt.text)![0]);
  expect(offer.searchParams.get("frequency")).toBe("monthly");
  await page.getByRole("link", { name: "Give monthly" }).click();
  await page.waitForURL((url) => url.pathname === offer.pathname && url.search === offer.search);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: /Continue to secure payment/ }) }).first();
  await expect(form.getByRole("radio", { name: "Monthly" })).toBeChecked();
  await expect(form.locator('input[name="placement"]')).toHaveValue("monthly_offer");
});

test("the thank-you page's bare address opens the billing page only in the hour after giving; later it offers the e-mailed link", async ({ page, request }) => {
  const email = unique("window");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€5\b/, email });
  await page.waitForURL(/\/support\/thank-you/);
  const sessionId = new URL(page.url()).searchParams.get("session_id")!;
  const thankYou = page.url();

  await page.getByRole("button", { name: "Manage your gift" }).click();
  await page.waitForURL(/\/portal\//);

  // Two hours on: the same address (from history, a synced browser) no longer opens it.
  expect((await request.post(`${emulatorUrl()}/_emulator/checkout/sessions/${sessionId}/age`, { data: { seconds: 7200 } })).status()).toBe(200);
  await page.goto(thankYou);
  await page.getByRole("button", { name: "Manage your gift" }).click();
  await expect(page).toHaveURL(/\/support\/manage\?problem=thank-you$/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("the thank-you page opens your billing page only shortly after you give");
  await expect(page.getByLabel("Your e-mail address")).toBeVisible();
});
