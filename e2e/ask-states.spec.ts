import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";

/**
 * A "no" holds, with and without JavaScript, and is decided before the first byte: for each ask
 * state the served HTML (not only the painted page) has no ask the reader declined.
 */

const DAY = 86_400_000;
const BANNER = "Close the support banner";
const INLINE = "A message from the newsroom";

type State = { name: string; cookies: Record<string, number>; banner: boolean; inline: boolean };
const STATES: State[] = [
  { name: "a new reader", cookies: {}, banner: true, inline: true },
  { name: "banner closed", cookies: { mh_banner_closed: 7 }, banner: false, inline: true },
  { name: "snoozed for a week", cookies: { mh_ask_snooze: 7 }, banner: false, inline: false },
  { name: "snoozed for a month", cookies: { mh_ask_snooze: 30, mh_banner_closed: 7 }, banner: false, inline: false },
  { name: "recently gave", cookies: { mh_gave: 90 }, banner: false, inline: false },
  { name: "dialog seen", cookies: { mh_dialog_seen: 7, mh_reads: 9 }, banner: true, inline: true },
];

/** The cookies as the app writes them: the moment the state ends, expiring at that moment. */
async function enterState(context: BrowserContext, state: State) {
  const now = Date.now();
  await context.addCookies(
    Object.entries(state.cookies).map(([name, days]) => ({
      name,
      value: name === "mh_reads" ? String(days) : String(now + days * DAY),
      url: baseURL,
      expires: Math.round((now + days * DAY) / 1000),
    })),
  );
}

async function firstArticlePath(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  return /<section[^>]*aria-label="Lead story"[\s\S]*?href="(\/articles\/[^"]+)"/.exec(html)![1]!;
}

const served = async (context: BrowserContext, path: string) => (await context.request.get(path)).text();

for (const javaScriptEnabled of [false, true]) {
  test.describe(`ask states, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    for (const state of STATES) {
      test(`${state.name}: the served HTML and the page have only the asks not declined`, async ({ context, page }) => {
        await enterState(context, state);
        const article = await firstArticlePath(context.request);
        for (const path of ["/", article, "/sections/politics"]) {
          const html = await served(context, path);
          expect(html.includes(BANNER), `${path} banner`).toBe(state.banner);
        }
        expect((await served(context, article)).includes(INLINE)).toBe(state.inline);

        // Nothing painted then removed: the page never holds a declined ask, before or after its scripts.
        await page.addInitScript(() => {
          const seen: string[] = [];
          (window as unknown as { askSeen: string[] }).askSeen = seen;
          new MutationObserver(() => {
            if (document.querySelector('aside[aria-label="Support our journalism"]:not([hidden])')) seen.push("banner");
            if (document.querySelector("#support:not([hidden])")) seen.push("inline");
          }).observe(document, { childList: true, subtree: true, attributes: true });
        });
        await page.goto(article);
        await page.waitForLoadState("networkidle");
        const seen = javaScriptEnabled ? await page.evaluate(() => (window as unknown as { askSeen: string[] }).askSeen) : null;
        await expect(page.getByRole("button", { name: BANNER })).toHaveCount(state.banner ? 1 : 0);
        await expect(page.getByRole("region", { name: INLINE })).toHaveCount(state.inline ? 1 : 0);
        if (seen) {
          expect(seen.includes("banner")).toBe(state.banner);
          expect(seen.includes("inline")).toBe(state.inline);
        }
        if (javaScriptEnabled && state.name === "dialog seen") {
          await page.waitForTimeout(3500);
          await expect(page.getByRole("dialog")).toHaveCount(0);
        }
      });
    }
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("closing the banner is a POST that confirms, and the banner stays away on the next pages", async ({ page, context }) => {
    const article = await firstArticlePath(context.request);
    await page.goto(article);
    await page.getByRole("button", { name: BANNER }).click();
    await expect(page).toHaveURL(new RegExp(`${article}#ask-banner-closed$`));
    await expect(page.getByText(/Closed\. We won’t show the support banner again for a week\./)).toBeVisible();
    await expect(page.getByRole("button", { name: BANNER })).toHaveCount(0);
    await expect(page.getByRole("region", { name: INLINE })).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === "mh_banner_closed")!;
    expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(6.9 * DAY);
    // Another page: no banner, and no confirmation left over (it shows only where the reader landed).
    await page.goto("/");
    await expect(page.getByRole("button", { name: BANNER })).toHaveCount(0);
    await expect(page.getByText(/Closed\. We won’t show/)).toBeHidden();
  });

  test("remind me later confirms, and no ask follows the reader to the next article", async ({ page, context }) => {
    const article = await firstArticlePath(context.request);
    await page.goto(article);
    await page.getByRole("region", { name: INLINE }).getByRole("button", { name: /in a week/i }).click();
    await expect(page).toHaveURL(new RegExp(`${article}#ask-snoozed-week$`));
    await expect(page.getByText("Done. We won’t ask you to support us for a week.")).toBeVisible();
    await expect(page.getByRole("region", { name: INLINE })).toHaveCount(0);
    await expect(page.getByRole("button", { name: BANNER })).toHaveCount(0);
    const next = await page.locator('main a[href^="/articles/"]').first().getAttribute("href");
    await page.goto(next!);
    await expect(page.getByRole("region", { name: INLINE })).toHaveCount(0);
    await expect(page.getByRole("button", { name: BANNER })).toHaveCount(0);
  });
});

test("the thank-you page itself marks the reader as a recent giver (a server-set cookie)", async ({ request }) => {
  const res = await request.get("/support/thank-you?session_id=cs_test_doesnotexist0000", { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  const setCookie = res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value).join("\n");
  expect(setCookie).toMatch(/mh_gave=\d+; Path=\/; .*Max-Age=7776000/);
  const article = await firstArticlePath(request);
  const html = await (await request.get(article)).text();
  expect(html).not.toContain(INLINE);
  expect(html).not.toContain(BANNER);
  // An address without a Checkout Session id marks nobody.
  const bare = await request.get("/support/thank-you");
  expect(bare.headersArray().some((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("mh_gave"))).toBe(false);
});

test.describe("with JavaScript", () => {
  test("closing the banner keeps focus on the page and announces it", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: BANNER }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Closed. We won’t show the support banner again for a week." })).toBeVisible();
    await expect(page.getByRole("button", { name: BANNER })).toBeHidden();
    const focused = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
    expect(focused).not.toBe("body");
    await page.getByRole("button", { name: "Dismiss" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("ask-dismissed");
    await page.reload();
    expect(await (await page.request.get("/")).text()).not.toContain(BANNER);
  });

  test("snoozing announces the date and returns focus to where the ask was", async ({ page, context }) => {
    const article = await firstArticlePath(context.request);
    await page.goto(article);
    await page.getByRole("region", { name: INLINE }).getByRole("button", { name: /in a month/i }).click();
    const end = Date.now() + 30 * DAY;
    // A date in another year says which year.
    const otherYear = new Date(end).getFullYear() !== new Date().getFullYear();
    const until = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", ...(otherYear ? { year: "numeric" } : {}) }).format(end);
    await expect(page.getByRole("status").filter({ hasText: `OK — we won’t ask again until ${until}` })).toBeVisible();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Dismiss");
    await page.getByRole("button", { name: "Dismiss" }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("ask-dismissed");
    expect(await (await page.request.get(article)).text()).not.toContain(INLINE);
  });
});

test.describe("on a 320 × 640 phone", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  async function firstScreen(page: Page, heading: ReturnType<Page["getByRole"]>) {
    await expect(page.getByRole("button", { name: BANNER })).toBeVisible();
    const box = await heading.boundingBox();
    expect(box).not.toBeNull();
    // The headline starts on the first screen, banner and all.
    expect(box!.y).toBeLessThan(640 - 24);
  }

  test("the lead headline and an article's headline are on the first screen with the banner shown", async ({ page, context }) => {
    await page.goto("/");
    await firstScreen(page, page.getByRole("region", { name: "Lead story" }).getByRole("heading").first());
    await page.goto(await firstArticlePath(context.request));
    await firstScreen(page, page.getByRole("heading", { level: 1 }));
  });

  test("the section nav shows that it scrolls and marks the current section", async ({ page }) => {
    await page.goto("/sections/politics");
    const nav = page.getByRole("navigation", { name: "Sections" });
    await expect(nav.getByRole("link", { name: "Politics" })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    const list = nav.getByRole("list");
    const { scrollWidth, clientWidth } = await list.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    const fade = await list.evaluate((el) => getComputedStyle(el.parentElement!, "::after").backgroundImage);
    expect(fade).toContain("gradient");
    // The served HTML marks it too: it does not wait for scripts.
    expect(await (await page.request.get("/sections/politics")).text()).toMatch(/aria-current="page"[^>]*href="\/sections\/politics"|href="\/sections\/politics"[^>]*aria-current="page"/);
  });
});
