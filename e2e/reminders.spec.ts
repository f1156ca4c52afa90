import { expect, test, type APIRequestContext } from "@playwright/test";
import { payOnTestCheckout, queryLedger, runCli, serverEnv, uniqueEmail } from "./helpers";

/** "Remind me later" with an address: pledged on an article, sent when the (test) clock says so, measured against gifts. */

// The test clock sends every reminder due by then, whoever pledged it: these tests take turns.
test.describe.configure({ mode: "serial" });

const INLINE = "A message from the newsroom";
const DAY = 86_400_000;

type Caught = { to: string[]; subject: string; text: string; headerLines: string[] };
const inboxUrl = () => `http://127.0.0.1:${serverEnv().MAIL_CATCHER_WEB_PORT}`;
async function mailFor(request: APIRequestContext, email: string): Promise<Caught[]> {
  return ((await (await request.get(`${inboxUrl()}/api/messages`)).json()) as Caught[]).filter((m) => m.to.includes(email));
}

async function firstArticlePath(request: APIRequestContext): Promise<string> {
  const html = await (await request.get("/")).text();
  return /<section[^>]*aria-label="Lead story"[\s\S]*?href="(\/articles\/[^"]+)"/.exec(html)![1]!;
}

const pendingReminders = (email: string) => queryLedger<{ id: number; period: string; placement: string }>("select id, period, placement from reminders where email = $1 and status = 'pending'", [email]);

/** The worker's schedule, with the clock moved on: `npm run reminders:send-due -- --as-of …`. */
async function sendDueAfter(days: number) {
  const { code, stdout, stderr } = await runCli("scripts/reminders.ts", ["--as-of", new Date(Date.now() + days * DAY).toISOString()]);
  expect(code, stderr).toBe(0);
  expect(stdout).toMatch(/Queued \d+ reminder e-mails? due by/);
}

async function theReminder(request: APIRequestContext, email: string): Promise<Caught> {
  await expect.poll(async () => (await mailFor(request, email)).length, { timeout: 20_000 }).toBe(1);
  const [mail] = await mailFor(request, email);
  expect(mail!.subject).toBe("The reminder you asked for: supporting Masthead");
  return mail!;
}

const linkIn = (text: string, path: string) => /https?:\/\/[^\s"<>\]]+/g[Symbol.match](text)?.map((u) => new URL(u)).find((u) => u.pathname === path);

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reminder pledged on an article arrives once when due, its gift counts for it, and its stop link ends reminders to that address", async ({ page, request }) => {
    const email = uniqueEmail("remind");
    const article = await firstArticlePath(request);
    await page.goto(article);
    const ask = page.getByRole("region", { name: INLINE });
    await ask.getByLabel("E-mail me a reminder (optional)").fill("someone@localhost");
    await ask.getByRole("button", { name: /in a week/i }).click();
    await expect(page.getByText(/Enter an e-mail address like name@example\.org/)).toBeVisible();
    expect(await pendingReminders("someone@localhost")).toHaveLength(0);

    await page.goto(article);
    await page.getByRole("region", { name: INLINE }).getByLabel("E-mail me a reminder (optional)").fill(email);
    await page.getByRole("region", { name: INLINE }).getByRole("button", { name: /in a week/i }).click();
    await expect(page).toHaveURL(new RegExp(`${article}#ask-reminder-week$`));
    await expect(page.getByText("Done. We’ll e-mail you a reminder in a week, once, and won’t ask you before then.")).toBeVisible();
    await expect(page.getByRole("region", { name: INLINE })).toHaveCount(0);
    expect(await pendingReminders(email)).toMatchObject([{ period: "week", placement: "inline" }]);

    // Not yet due: nothing is sent.
    await sendDueAfter(6);
    expect(await mailFor(request, email)).toHaveLength(0);
    await sendDueAfter(7.01);
    const mail = await theReminder(request, email);
    expect(await pendingReminders(email)).toHaveLength(0);
    // Sent means forgotten: the address is no longer in the table.
    expect(await queryLedger("select 1 from reminders where email = $1", [email])).toHaveLength(0);

    const give = linkIn(mail.text, "/support")!;
    expect(give.searchParams.get("placement")).toBe("reminder");
    expect(give.searchParams.get("from")).toBe(article);
    const reminderId = Number(give.searchParams.get("reminder"));
    await page.goto(give.pathname + give.search);
    await page.getByRole("radio", { name: "Once" }).first().check();
    await page.getByRole("radio", { name: "Other" }).first().check();
    await page.getByLabel(/Other amount/).first().fill("6");
    await page.getByRole("button", { name: "Continue", exact: true }).first().click();
    await page.getByRole("button", { name: /Continue to secure payment/ }).first().click();
    await payOnTestCheckout(page, { email });
    await page.waitForURL(/\/support\/thank-you/);
    await expect
      .poll(async () => (await queryLedger<{ converted: boolean }>("select converted_at is not null as converted from reminders where id = $1", [reminderId]))[0]?.converted, { timeout: 20_000 })
      .toBe(true);
    expect(await queryLedger("select 1 from gifts where email = $1 and placement = 'reminder'", [email])).toHaveLength(1);

    const stop = linkIn(mail.text, "/support/manage/stop-reminders")!;
    await page.goto(stop.pathname + stop.search);
    await expect(page.getByRole("status")).toContainText("We will not send reminders to this address again");
    const tampered = `${stop.pathname}?token=${encodeURIComponent(`${reminderId + 1}.${stop.searchParams.get("token")!.split(".")[1]}`)}`;
    await page.goto(tampered);
    await expect(page.getByRole("alert")).toContainText("We could not read that link. Nothing was changed.");

    // The same address asking again is answered the same way, and pledges nothing.
    await page.context().clearCookies();
    await page.goto(article);
    await page.getByRole("region", { name: INLINE }).getByLabel("E-mail me a reminder (optional)").fill(email.toUpperCase());
    await page.getByRole("region", { name: INLINE }).getByRole("button", { name: /in a month/i }).click();
    await expect(page).toHaveURL(new RegExp(`${article}#ask-reminder-month$`));
    expect(await queryLedger("select 1 from reminders where lower(email) = lower($1)", [email])).toHaveLength(0);
  });
});

test("with JavaScript: a bad address keeps the ask, a good one confirms in place; mail clients' one-click unsubscribe works", async ({ page, request }) => {
  const email = uniqueEmail("remind-js");
  await page.goto(await firstArticlePath(request));
  const ask = page.getByRole("region", { name: INLINE });
  await ask.getByLabel("E-mail me a reminder (optional)").fill("someone@");
  await ask.getByRole("button", { name: /in a month/i }).click();
  await expect(ask.getByText(/Enter an e-mail address like name@example\.org/)).toBeVisible();
  await expect(ask).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name === "mh_ask_snooze")).toBe(false);

  await ask.getByLabel("E-mail me a reminder (optional)").fill(email);
  await ask.getByRole("button", { name: /in a month/i }).click();
  await expect(page.getByRole("status").filter({ hasText: "we’ll e-mail you a reminder on" })).toBeVisible();
  await expect(ask).toBeHidden();
  expect(await pendingReminders(email)).toMatchObject([{ period: "month", placement: "inline" }]);

  await sendDueAfter(30.01);
  const mail = await theReminder(request, email);
  expect(mail.headerLines).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  const oneClick = new URL(/<(https?:\/\/[^>]+)>/.exec(mail.headerLines.find((l) => l.startsWith("List-Unsubscribe:"))!)![1]!);
  const post = (search: string) => request.post(oneClick.pathname + search, { form: { "List-Unsubscribe": "One-Click" } });
  expect((await post("?token=1.forgedforgedforgedforgedforgedforgedforgedfo")).status()).toBe(400);
  const stops = async () => Number((await queryLedger<{ n: string }>("select count(*) as n from reminder_stops"))[0]!.n);
  const before = await stops();
  const res = await post(oneClick.search);
  expect(res.status()).toBe(200);
  expect(await stops()).toBe(before + 1);
});
