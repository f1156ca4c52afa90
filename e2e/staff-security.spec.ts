import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import Stripe from "stripe";
import { event, oneTimeCheckout } from "../lib/stripe/testing/events";
import { giveOnSupportPage, runCli, serverEnv, uniqueEmail } from "./helpers";

const password = "correct horse battery staple";
// Addresses of this run's own: the throttle also counts failures per address, across runs on one server.
const subnet = Math.floor(Math.random() * 200) + 20;
const address = (n: number) => `10.${subnet}.${Date.now() % 250}.${n}`;

async function addStaff(role: "owner" | "finance" | "read-only"): Promise<string> {
  const email = uniqueEmail(`staff-${role}`);
  const add = await runCli("scripts/staff.ts", ["add", email, "--name", `E2E ${role}`, "--role", role], { input: `${password}\n${password}\n` });
  expect(add.stdout).toContain(`Created the staff account ${email} (${role})`);
  return email;
}

async function signIn(page: Page, email: string, next = "/admin"): Promise<void> {
  await page.goto(`/admin/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/admin/sign-in");
}

/** A browser of its own, from an address of its own, so lock-outs in one test cannot reach another. */
async function browserFrom(browser: Browser, address: string, userAgent?: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address }, ...(userAgent ? { userAgent } : {}) });
  return { context, page: await context.newPage() };
}

/** The form's own message (Next's route announcer is an alert too). */
const formAlert = (page: Page) => page.locator("form [role=alert]");

/** The code the authenticator app would show in the next time step (the one just used at enrolment is spent). */
const nextCode = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + 30_000 });

test("after sign-out, a copy of the cookie saved before opens nothing: pages, export, reconcile API, actions", async ({ browser }) => {
  const email = await addStaff("finance");
  const { context, page } = await browserFrom(browser, address(61));
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Supporters");
  const saved = await context.cookies();
  expect(saved.find((c) => c.name === "masthead_staff")).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/admin" });
  const cookie = saved.map((c) => `${c.name}=${c.value}`).join("; ");
  // While signed in the copy works…
  expect((await page.request.get("/admin/gifts/export", { headers: { cookie } })).status()).toBe(200);

  // …a second tab stays on the dashboard while the first signs out.
  const stale = await context.newPage();
  await stale.goto("/admin");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in\?signed_out=1$/);
  await context.addCookies(saved);

  const request = page.request;
  for (const path of ["/admin", "/admin/gifts", "/admin/account", "/admin/supporters/cus_anyone"]) {
    const res = await request.get(path, { headers: { cookie }, maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers().location, path).toMatch(/^\/admin\/sign-in\?next=/);
  }
  const csv = await request.get("/admin/gifts/export", { headers: { cookie } });
  expect(csv.status()).toBe(401);
  expect(await csv.text()).not.toContain("@example.org");
  // A browser following the export link is sent to sign-in (and back afterwards), not shown JSON.
  const link = await request.get("/admin/gifts/export?frequency=once", { headers: { cookie, accept: "text/html" }, maxRedirects: 0 });
  expect(link.status()).toBe(303);
  expect(link.headers().location).toBe("/admin/sign-in?next=%2Fadmin%2Fgifts%2Fexport%3Ffrequency%3Donce");
  const api = await request.post("/admin/api/reconcile", { headers: { cookie, origin: new URL(page.url()).origin }, data: { from: "2026-11-01", to: "2026-11-30" } });
  expect(api.status()).toBe(401);
  // The stale tab still shows the dashboard; its server action is refused with the saved cookie.
  await stale.getByRole("button", { name: "Reconcile with Stripe" }).click();
  await expect(stale.getByText("Your session has ended. Sign in again to continue.")).toBeVisible();
  await context.close();
});

test("a session ended from the session list, and a password change, sign the other browsers out", async ({ browser }) => {
  // Three browsers signing in (argon2 each time) and a password change: slow on a busy machine.
  test.slow();
  const email = await addStaff("read-only");
  const laptop = await browserFrom(browser, address(62), "Laptop browser");
  const phone = await browserFrom(browser, address(63), "Phone browser");
  const tablet = await browserFrom(browser, address(64), "Tablet browser");
  for (const b of [laptop, phone, tablet]) {
    await signIn(b.page, email);
    await expect(b.page.getByRole("heading", { level: 1 })).toContainText("Supporters");
  }
  await laptop.page.goto("/admin/account");
  const sessions = laptop.page.getByRole("table", { name: /Your sessions/ }).locator("tbody tr");
  await expect(sessions).toHaveCount(3);
  await expect(sessions.first()).toContainText("Laptop browser (this session)");
  await laptop.page.getByRole("button", { name: /End the session in Phone browser/ }).click();
  await expect(laptop.page.getByText("That session has ended.")).toBeVisible();
  await expect(sessions).toHaveCount(2);
  await phone.page.goto("/admin/gifts");
  await expect(phone.page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Fgifts$/);
  await tablet.page.reload();
  await expect(tablet.page.getByRole("heading", { level: 1 })).toContainText("Supporters");

  await laptop.page.getByLabel("Current password").fill(password);
  await laptop.page.getByLabel(/^New password \(12/).fill("an even better passphrase");
  await laptop.page.getByLabel("New password again").fill("an even better passphrase");
  await laptop.page.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.page.getByText("Your password is changed, and every other session of yours has ended.")).toBeVisible();
  await tablet.page.reload();
  await expect(tablet.page).toHaveURL(/\/admin\/sign-in/);
  await laptop.page.goto("/admin/gifts");
  await expect(laptop.page.getByRole("heading", { level: 1 })).toContainText("Gifts");
  for (const b of [laptop, phone, tablet]) await b.context.close();
});

test("a read-only account sees figures but is refused the export and reconciliation", async ({ browser }) => {
  const email = await addStaff("read-only");
  const { context, page } = await browserFrom(browser, address(65));
  await signIn(page, email, "/admin/gifts");
  await expect(page.getByRole("status").first()).toHaveText(/\d+ gifts?/);
  await expect(page.getByRole("link", { name: /Export these/ })).toHaveCount(0);
  const csv = await page.request.get("/admin/gifts/export");
  expect(csv.status()).toBe(403);
  expect(await csv.json()).toEqual({ error: "Your role does not allow this." });
  const api = await page.request.post("/admin/api/reconcile", { headers: { origin: new URL(page.url()).origin }, data: { from: "2026-11-01", to: "2026-11-30" } });
  expect(api.status()).toBe(403);
  await page.goto("/admin");
  await expect(page.getByRole("button", { name: "Reconcile with Stripe" })).toHaveCount(0);
  await expect(page.getByText("Reconciling is for the finance desk and owners.")).toBeVisible();
  const audit = await page.request.get("/admin/audit");
  expect(audit.status()).toBe(404);
  await context.close();
});

test.describe.serial("two-factor sign-in", () => {
  let email = "";
  let secret = "";
  let recovery: string[] = [];

  test("is enrolled from the account page with a code from the app, and gives ten recovery codes", async ({ browser }) => {
    email = await addStaff("owner");
    const { context, page } = await browserFrom(browser, address(70));
    await signIn(page, email);
    await page.goto("/admin/account");
    await page.getByRole("link", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
    secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(formAlert(page)).toHaveText(/That code does not match/);
    await page.getByLabel("Code from the app").fill(new TOTP({ secret: Secret.fromBase32(secret) }).generate());
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    recovery = (await codes.allInnerTexts()).map((c) => c.trim());
    expect(recovery[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // The owner's audit log has it.
    await page.goto("/admin/audit");
    await expect(page.getByRole("table", { name: /Staff actions/ }).getByRole("row").filter({ hasText: email }).filter({ hasText: "two-factor.enrolled" })).toHaveCount(1);
    await context.close();
  });

  test("then asks for a code after the password, and a code works once", async ({ browser }) => {
    const { context, page } = await browserFrom(browser, address(71));
    await signIn(page, email, "/admin/gifts");
    await expect(page).toHaveURL(/\/admin\/sign-in\/two-factor\?next=%2Fadmin%2Fgifts$/);
    // Half signed in is not signed in.
    expect((await page.request.get("/admin/gifts/export")).status()).toBe(401);
    const code = nextCode(secret);
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/admin\/gifts$/);
    await page.getByRole("button", { name: "Sign out" }).click();

    await signIn(page, email);
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(formAlert(page)).toHaveText(/That code is not right \(or was already used\)/);
    await context.close();
  });

  test("takes a recovery code once instead", async ({ browser }) => {
    const { context, page } = await browserFrom(browser, address(72));
    await signIn(page, email);
    await page.getByLabel("Code").fill(recovery[0]!.toUpperCase());
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Supporters");
    await page.goto("/admin/account");
    await expect(page.getByText("9 of 10 recovery codes left")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, email);
    await page.getByLabel("Code").fill(recovery[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(formAlert(page)).toHaveText(/That code is not right/);
    await context.close();
  });

  test("locks the second step after five wrong codes, even for the right one", async ({ browser }) => {
    test.slow();
    const { context, page } = await browserFrom(browser, address(73));
    await signIn(page, email);
    await expect(page).toHaveURL(/\/admin\/sign-in\/two-factor/);
    // One wrong code was already spent by the previous test (the reused recovery code).
    for (let i = 0; i < 4; i++) {
      await page.getByLabel("Code").fill(String(100000 + i));
      await page.getByRole("button", { name: "Continue" }).click();
      // React empties the form once the action has answered: only then is the next code typed.
      await expect(page.getByLabel("Code")).toHaveValue("");
      await expect(formAlert(page)).toHaveText(/That code is not right/);
    }
    await page.getByLabel("Code").fill(nextCode(secret));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(formAlert(page)).toHaveText(/^Too many attempts, try again in 1[45] minutes\.$/);
    await expect(page).toHaveURL(/\/admin\/sign-in\/two-factor/);
    await context.close();
  });
});

test("the staff area's own pages: its 404 in its layout, no console errors, and the gifts fit a 390 px phone", async ({ browser }) => {
  const email = await addStaff("finance");
  const once = oneTimeCheckout({ amount: 1500, email: `a.very.long.supporter.address.${Date.now()}@example.org`, slug: "harbour-cranes-fall-silent" });
  const payload = JSON.stringify(event("checkout.session.completed", once));
  const header = new Stripe("sk_test_unused").webhooks.generateTestHeaderString({ payload, secret: serverEnv().STRIPE_WEBHOOK_SECRET! });
  const { context, page } = await browserFrom(browser, address(80));
  expect((await page.request.post("/api/stripe/webhook", { data: payload, headers: { "stripe-signature": header, "content-type": "application/json" } })).status()).toBe(200);

  const problems: string[] = [];
  // Everything but the 404 page's own status, which is the point.
  page.on("console", (m) => void (m.type() === "error" && !m.location().url.endsWith("/admin/no/such/page") && problems.push(m.text())));
  page.on("pageerror", (e) => problems.push(String(e)));
  await signIn(page, email);
  await expect(page.getByRole("img", { name: /Gifts per day/ })).toBeVisible();
  // Hydration is done (and would have failed by now) once the page's scripts have all loaded.
  await page.waitForLoadState("networkidle");
  await page.reload();
  await page.waitForLoadState("networkidle");
  await page.goto("/admin/gifts");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("status").first()).toHaveText(/\d+ gifts?/);
  await page.goto("/admin/no/such/page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  // The staff chrome, not the public site's.
  await expect(page.getByRole("navigation", { name: "Staff" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Sections" })).toHaveCount(0);
  expect(problems).toEqual([]);

  // Signed out, an unknown staff address asks for sign-in like every other.
  const res = await browser.newContext().then((c) => c.request.get("/admin/no/such/page", { maxRedirects: 0 }));
  expect(res.status()).toBe(307);
  expect(res.headers().location).toBe("/admin/sign-in?next=%2Fadmin%2Fno%2Fsuch%2Fpage");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/gifts");
  await expect(page.getByRole("table", { name: /Gifts, newest first/ }).locator("tbody tr").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("filters that cannot be read say so, and the export keeps the filters, is named after them and has the charge id", async ({ browser }) => {
  test.slow();
  const email = await addStaff("finance");
  const { context, page } = await browserFrom(browser, address(81));
  // A one-time gift the way a reader gives it: Stripe reports its charge before the checkout completes.
  const supporter = uniqueEmail("once-charge");
  await giveOnSupportPage(page, { frequency: "Once", preset: /^€25\b/, email: supporter });
  await page.waitForURL(/\/support\/thank-you/);
  await signIn(page, email, "/admin/gifts");
  await page.getByLabel("From", { exact: true }).fill("2026-11-20");
  await page.getByLabel("To", { exact: true }).fill("2026-11-01");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing is shown" })).toContainText("“From” (2026-11-20) is after “To” (2026-11-01).");
  await expect(page.getByRole("table", { name: /Gifts, newest first/ })).toHaveCount(0);
  await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-11-20");
  expect((await page.request.get("/admin/gifts/export?period=custom&from=1900-01-01&to=2100-12-31")).status()).toBe(400);

  // Dates changed without choosing "Custom range" are the range shown, and exported.
  await page.getByLabel("From", { exact: true }).fill("2026-01-01");
  await page.getByLabel("To", { exact: true }).fill("2026-12-31");
  await page.getByLabel("Frequency").selectOption("once");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gifts: 1 Jan 2026 – 31 Dec 2026");
  const link = page.getByRole("link", { name: /Export these/ });
  await expect(link).toHaveAttribute("href", "/admin/gifts/export?period=custom&from=2026-01-01&to=2026-12-31&frequency=once");
  const download = page.waitForEvent("download");
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("gifts-2026-01-01-to-2026-12-31-once.csv");
  const row = readFileSync(await file.path(), "utf8").split("\r\n").find((l) => l.includes(supporter));
  // stripe_customer, stripe_payment_intent, stripe_charge, …
  expect(row).toMatch(/,cus_[^,]+,pi_[^,]+,ch_[^,]+,/);
  await context.close();
});
