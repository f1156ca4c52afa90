import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import Stripe from "stripe";
import { event, oneTimeCheckout, paidInvoice, subscriptionCheckout, subscriptionObject } from "../lib/stripe/testing/events";
import { expectNoSeriousA11yViolations, runCli, serverEnv } from "./helpers";

const run = Date.now().toString(36);
const email = `editor-${run}@example.org`;
const password = "correct horse battery staple";

/** Delivers a signed event to the webhook, as Stripe (or the emulator) would. */
async function deliver(request: APIRequestContext, e: unknown): Promise<void> {
  const payload = JSON.stringify(e);
  const header = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload, secret: serverEnv().STRIPE_WEBHOOK_SECRET! });
  const res = await request.post("/api/stripe/webhook", { data: payload, headers: { "stripe-signature": header, "content-type": "application/json" } });
  expect(res.status()).toBe(200);
}

test("every staff route turns away a visitor without a session, and leaks nothing", async ({ request }) => {
  for (const path of ["/admin", "/admin/gifts?status=refunded&q=ana", "/admin/supporters/cus_anyone"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers().location).toBe(`/admin/sign-in?next=${encodeURIComponent(path)}`);
    expect(await res.text()).not.toContain("@example");
  }
  const forged = { cookie: "masthead_staff=Fe26.2*1*forged*cookie" };
  for (const headers of [{}, forged]) {
    const csv = await request.get("/admin/gifts/export", { headers });
    expect(csv.status()).toBe(401);
    expect(csv.headers()["content-type"]).toContain("application/json");
    expect(csv.headers()["cache-control"]).toBe("private, no-store");
    const api = await request.post("/admin/api/reconcile", { headers, data: { from: "2026-11-01", to: "2026-11-30" } });
    expect(api.status()).toBe(401);
  }
  const signIn = await request.get("/admin/sign-in");
  expect(signIn.status()).toBe(200);
  expect(signIn.headers()["cache-control"]).toMatch(/private.*no-store|no-store.*private/);
  const html = await signIn.text();
  expect(html).toContain('<meta name="robots" content="noindex, nofollow, nocache"/>');
  expect(await (await request.get("/robots.txt")).text()).toContain("Disallow: /admin");
  // The public site moved into a route group: an address matching nothing keeps its title and chrome.
  const missing = await request.get("/no/such/page");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toMatch(/<title>Masthead: independent, reader-funded news<\/title>[\s\S]*Skip to content/);
});

test.describe.serial("a staff member", () => {
  test.use({ extraHTTPHeaders: { "x-forwarded-for": "198.51.100.20" } });

  test("is created from the command line", async ({ request }) => {
    const add = await runCli("scripts/staff.ts", ["add", email, "--name", "E2E Editor", "--role", "finance"], { input: `${password}\n${password}\n` });
    expect(add.stdout).toContain(`Created the staff account ${email} (finance)`);
    const list = await runCli("scripts/staff.ts", ["list"]);
    expect(list.stdout).toContain(`${email}\tE2E Editor\tfinance\t2FA off`);
    const reconcile = await runCli("scripts/stripe-reconcile.ts", ["--days", "2"]);
    expect(reconcile.stderr).toContain("5/5 refunds");
    expect(reconcile.stdout).toContain("Disagreements: none.");

    const once = oneTimeCheckout({ amount: 2500, email: `once-${run}@example.org`, slug: "harbour-cranes-fall-silent" });
    await deliver(request, event("checkout.session.completed", once));
    const monthly = subscriptionCheckout({ amount: 500, frequency: "monthly", email: `monthly-${run}@example.org` });
    await deliver(request, event("checkout.session.completed", monthly));
    await deliver(request, event("invoice.paid", paidInvoice({ subscription: monthly.subscription, customer: monthly.customer, amount: 500, frequency: "monthly", email: `monthly-${run}@example.org` })));
    await deliver(request, event("customer.subscription.created", subscriptionObject({ id: monthly.subscription, customer: monthly.customer, amount: 500, frequency: "monthly" })));
    const annual = subscriptionCheckout({ amount: 12000, frequency: "annual", email: `annual-${run}@example.org` });
    await deliver(request, event("invoice.paid", paidInvoice({ subscription: annual.subscription, customer: annual.customer, amount: 12000, frequency: "annual", email: `annual-${run}@example.org` })));
  });

  test("signs in, reads the dashboard, filters the gifts, exports them and signs out", async ({ page }) => {
    await page.goto("/admin/gifts?frequency=once");
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Fgifts%3Ffrequency%3Donce$/);
    // None of the public site's chrome (nor its asks) in the staff area.
    await expect(page.getByRole("navigation", { name: "Sections" })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/gifts\?frequency=once$/);
    await expect(page.getByRole("status").first()).toHaveText("1 gift");

    await page.getByRole("link", { name: "Dashboard", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("(this month)");
    const figure = (name: string) => page.locator("dl > div").filter({ has: page.getByText(name, { exact: true }) }).locator("dd");
    await expect(figure("Given")).toHaveText("€150.00");
    await expect(figure("Gifts")).toContainText("1 one-time · 2 recurring");
    await expect(figure("New recurring supporters")).toContainText("2");
    await expect(figure("Monthly recurring revenue")).toHaveText("€15.00"); // €5 + €120 / 12
    await expect(page.getByRole("img", { name: /Gifts per day/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await expect(page.getByRole("table", { name: "Articles" }).getByRole("link", { name: /Harbour cranes fall silent/ })).toBeVisible();

    await page.getByRole("button", { name: "Reconcile with Stripe" }).click();
    // A gift another spec is making at this moment may be added (its webhook still in flight); nothing may disagree.
    await expect(page.getByText(/^Reconciled .*\(this month\): (nothing was missing|\d+ ledger rows? added), 0 disagreements\.$/)).toBeVisible({ timeout: 20_000 });

    await page.getByRole("link", { name: "See every gift in this period" }).click();
    await expect(page.getByRole("status").first()).toHaveText("3 gifts");
    await page.getByLabel("Frequency").selectOption("recurring");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/frequency=recurring/);
    await expect(page.getByRole("status").first()).toHaveText("2 gifts");
    const rows = page.getByRole("table", { name: /Gifts, newest first/ }).locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expectNoSeriousA11yViolations(page);
    await expect(rows.first().getByRole("link", { name: /Subscription/ })).toHaveAttribute("href", /^https:\/\/dashboard\.stripe\.com\/test\/subscriptions\/sub_/);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Export these 2 gifts as CSV/ }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, "utf8").replace(/^\uFEFF/, "").split("\r\n");
    expect(csv[0]).toMatch(/^paid_at_utc,gift_id,frequency,status,amount,fee_covered,refunded,currency,email,/);
    expect(csv.filter(Boolean)).toHaveLength(3);
    expect(csv.some((l) => l.includes(`,annual,paid,120.00,0.00,0.00,EUR,annual-${run}@example.org,`))).toBe(true);
    expect(csv.some((l) => l.includes(`,monthly,paid,5.00,0.00,0.00,EUR,monthly-${run}@example.org,`))).toBe(true);

    await rows.first().getByRole("link", { name: /@example\.org/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: /in the Stripe dashboard/ }).first()).toHaveAttribute("href", /dashboard\.stripe\.com\/test\/customers\/cus_/);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/admin\/sign-in\?signed_out=1$/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin$/);
  });
});

test.describe("sign-in without JavaScript", () => {
  // An address of its own, so this lock-out does not lock out the other tests.
  test.use({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.99" } });

  test("answers wrong passwords alike, then refuses for a while", async ({ page }) => {
    test.slow();
    for (let i = 0; i < 5; i++) {
      await page.goto("/admin/sign-in");
      await page.getByLabel("E-mail").fill(`nobody-${run}@example.org`);
      await page.getByLabel("Password").fill(`wrong password ${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toHaveText("That e-mail address and password do not match a staff account.");
    }
    await page.getByLabel("Password").fill("wrong again");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Too many attempts, try again in 15 minutes.");
  });
});
