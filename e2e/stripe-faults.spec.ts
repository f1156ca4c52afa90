import { expect, test, type Page } from "@playwright/test";
import { emulatorUrl, giveOnSupportPage, queryLedger, serverEnv, uniqueEmail } from "./helpers";

test.describe.configure({ mode: "serial" });

type State = Record<string, number>;
const state = async (page: Page) => (await (await page.request.get(`${emulatorUrl()}/_emulator/state`)).json()) as State;
const fault = (page: Page, body: Record<string, unknown>) => page.request.post(`${emulatorUrl()}/_emulator/faults`, { data: body });

test.afterEach(async ({ page }) => {
  await fault(page, { mode: "none" });
});

for (const mode of ["error500", "timeout", "reset"] as const) {
  test(`Stripe ${mode === "error500" ? "answering 500" : mode === "timeout" ? "hanging" : "closing the connection"}: a calm message, and the retry makes exactly one session`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto("/support");
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: /Continue to secure payment/ }) }).first();
    await form.getByRole("radio", { name: "Once" }).check();
    const before = await state(page);

    // Enough failures to outlast the SDK's own two retries.
    await fault(page, { mode, count: 3, paths: "/v1/checkout/sessions" });
    await form.getByRole("button", { name: /Continue to secure payment/ }).click();
    await expect(page.getByText(/could not reach our payment provider/i)).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/support/);

    await fault(page, { mode: "none" });
    await form.getByRole("button", { name: /Continue to secure payment/ }).click();
    await page.waitForURL(/\/pay\/cs_/);
    const after = await state(page);
    const sessionKey = Object.keys(after).find((k) => /session/i.test(k))!;
    expect(after[sessionKey]! - (before[sessionKey] ?? 0)).toBe(1);
  });
}

test("Stripe answering 500 while a supporter pauses their gift: a calm message, nothing changed, and the retry pauses it", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("fault-pause");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€5\b/, email });
  await page.waitForURL(/\/support\/thank-you/);
  const inbox = `http://127.0.0.1:${serverEnv().MAIL_CATCHER_WEB_PORT}/api/messages`;
  const receipt = async () => ((await (await page.request.get(inbox)).json()) as { to: string[]; text: string }[]).find((m) => m.to.includes(email));
  await expect.poll(async () => Boolean(await receipt()), { timeout: 20_000 }).toBe(true);
  const link = new URL(/https?:\/\/[^\s"<>\]]+\/support\/manage\?token=[^\s"<>\]]+/.exec((await receipt())!.text)![0]);
  const pause = async () => (await queryLedger<{ pause_behavior: string | null }>("select s.pause_behavior from subscriptions s join supporters p using (stripe_customer_id) where p.email = $1", [email]))[0];
  await expect.poll(async () => (await pause()) !== undefined).toBe(true);

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const manage = await noJs.newPage();
  await manage.goto(link.pathname + link.search);
  await fault(page, { mode: "error500", count: 6, paths: "/v1/subscriptions" });
  await manage.getByRole("button", { name: "Pause for 1 month" }).click();
  await expect(manage.getByRole("alert")).toContainText("We could not reach our payment provider just now. Nothing was changed");
  expect((await pause())?.pause_behavior).toBeNull();

  await fault(page, { mode: "none" });
  await manage.getByRole("button", { name: "Pause for 1 month" }).click();
  await expect(manage.getByRole("status")).toContainText("Your gift is paused");
  await expect.poll(async () => (await pause())?.pause_behavior).toBe("void");
  await noJs.close();
});
