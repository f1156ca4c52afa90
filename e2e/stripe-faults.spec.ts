import { expect, test, type Page } from "@playwright/test";
import { emulatorUrl } from "./helpers";

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
