import { expect, test, type Browser, type Page } from "@playwright/test";
import { FREQUENCIES, frequencyLabel, PRESETS, type Frequency } from "@/lib/donations/config";
import { CURRENCIES, type Currency } from "@/lib/money";
import { emulatorUrl } from "./helpers";

/**
 * Every combination a reader can make — frequency × currency × (each preset, one typed amount) ×
 * card-fee cover — with JavaScript off and on: the amount, currency and total the reader can read
 * before the button that goes to Stripe must be exactly what the Checkout Session charges.
 * The expected numbers are read off the page as text, never computed here.
 */

type Session = {
  amount_total: number;
  currency: string;
  mode: string;
  metadata: Record<string, string>;
  line_items: { data: { price: { recurring: { interval: string } | null } }[] };
};

const INTERVAL: Record<Frequency, string | null> = { once: null, monthly: "month", annual: "year" };
const OTHER: Record<Currency, string> = { usd: "7,25", eur: "12,40", gbp: "8.15", jpy: "1,234" };

/** "€1,234.50", "US$10", "JP¥1,500", "£0.78" → currency and minor units, as printed. */
function readMoney(text: string): { currency: Currency; minor: number } {
  const m = /(US\$|JP¥|€|£)([\d,]+(?:\.\d{2})?)/.exec(text);
  if (!m) throw new Error(`no amount in ${JSON.stringify(text)}`);
  const symbols: Record<string, Currency> = { US$: "usd", "JP¥": "jpy", "€": "eur", "£": "gbp" };
  const currency = symbols[m[1]!]!;
  const [whole, fraction = ""] = m[2]!.replace(/,/g, "").split(".");
  return { currency, minor: currency === "jpy" ? Number(whole) : Number(whole) * 100 + Number(fraction.padEnd(2, "0")) };
}

const suffix: Record<Frequency, string> = { once: " once", monthly: " a month", annual: " a year" };

async function sessionOf(page: Page): Promise<Session> {
  await page.waitForURL(/\/pay\/cs_/);
  const id = /\/pay\/(cs_[A-Za-z0-9_]+)/.exec(page.url())![1]!;
  const res = await page.request.get(`${emulatorUrl()}/v1/checkout/sessions/${id}?expand[]=line_items`, { headers: { authorization: "Bearer sk_test_emulator" } });
  expect(res.ok()).toBe(true);
  return (await res.json()) as Session;
}

function expectCharged(session: Session, frequency: Frequency, shown: { currency: Currency; minor: number }) {
  expect(session.currency).toBe(shown.currency);
  expect(session.amount_total).toBe(shown.minor);
  expect(session.mode).toBe(frequency === "once" ? "payment" : "subscription");
  expect(session.line_items.data[0]!.price.recurring?.interval ?? null).toBe(INTERVAL[frequency]);
}

/** A browser of its own per frequency and currency: its own checkout budget (address and session). */
async function freshPage(browser: Browser, javaScriptEnabled: boolean, n: number): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${n + 1}` } });
  return context.newPage();
}

type Choice = { index: number | "other"; cover: boolean };
const choices = (frequency: Frequency, currency: Currency): Choice[] =>
  [...PRESETS[frequency][currency].map((_, i) => i), "other" as const].flatMap((index) => [{ index, cover: false }, { index, cover: true }]);

for (const javaScriptEnabled of [false, true]) {
  test.describe(`the gift form, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    for (const [fi, frequency] of FREQUENCIES.entries()) {
      for (const [ci, currency] of CURRENCIES.entries()) {
        test(`${frequency} in ${currency.toUpperCase()}: what the reader reads is what is charged`, async ({ browser }) => {
          test.setTimeout(240_000);
          const form = (page: Page) => page.locator("#give-title + div form").first();
          const page = await freshPage(browser, javaScriptEnabled, (javaScriptEnabled ? 12 : 0) + fi * 4 + ci);
          for (const { index, cover } of choices(frequency, currency)) {
            const label = `${frequency} ${currency} ${index} cover=${cover}`;
            await page.goto("/support");
            await form(page).getByRole("radio", { name: frequencyLabel[frequency], exact: true }).check();
            await form(page).getByLabel("Currency").selectOption(currency);
            if (!javaScriptEnabled) {
              // Without scripts the amounts are drawn by the server: it answers the new choice first.
              await form(page).getByRole("button", { name: "Show amounts for this choice" }).click();
            }
            const chips = form(page).locator('input[name="amount"]');
            let chosen: { currency: Currency; minor: number } | null = null;
            if (index === "other") {
              await form(page).getByRole("radio", { name: "Other" }).check();
              await form(page).getByLabel(/Other amount/).fill(OTHER[currency]);
            } else {
              const chip = chips.nth(index);
              await chip.check();
              chosen = readMoney((await chip.locator("xpath=following-sibling::span").innerText()).split("\n")[0]!);
              expect(chosen.currency, label).toBe(currency);
            }
            const coverBox = form(page).getByLabel("Cover the card fees");
            if (cover) await coverBox.check();
            else await coverBox.uncheck();

            let totalText: string;
            if (javaScriptEnabled) {
              totalText = await form(page).locator('p[id$="-gift-total"]').innerText();
            } else {
              await form(page).getByRole("button", { name: "Continue", exact: true }).click();
              const review = page.locator("form", { has: page.getByRole("heading", { name: "Check your gift" }) });
              await expect(review, label).toBeVisible();
              await expect(review.getByText(frequencyLabel[frequency], { exact: true }), label).toBeVisible();
              const gift = readMoney(await review.locator("dt:text('Your gift') + dd").innerText());
              if (chosen) expect(gift, label).toEqual(chosen);
              else expect(gift.currency, label).toBe(currency);
              expect(await review.locator("dt:text('Card fees you cover')").count(), label).toBe(cover ? 1 : 0);
              totalText = await review.locator('p[role="status"]').innerText();
            }
            expect(totalText, label).toContain(suffix[frequency]);
            expect(totalText.includes("for card fees"), label).toBe(cover);
            const shown = readMoney(totalText);
            if (chosen && !cover) expect(shown, label).toEqual(chosen);
            await page.getByRole("button", { name: /Continue to secure payment/ }).first().click();
            expectCharged(await sessionOf(page), frequency, shown);
          }
          await page.context().close();
        });
      }
    }
  });
}
