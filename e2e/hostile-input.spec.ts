import { expect, test, type APIRequestContext } from "@playwright/test";
import { emulatorUrl } from "./helpers";

/**
 * Hundreds of malformed gift submissions, sent the way a browser without JavaScript (or a bot)
 * sends the form: each must come back as the form with a reason, and none may reach Stripe.
 */
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

async function formHiddenFields(request: APIRequestContext): Promise<[string, string][]> {
  const html = await (await request.get("/support")).text();
  const form = /<form[^>]*encType="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1]!;
  return [...form.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/>/g)].map((m) => [m[1]!, decode(m[2] ?? "")]);
}

const MB = "9".repeat(1024 * 1024);
// Marks this run's submissions, so other specs running in parallel cannot blur the check.
const marker = `hostile${Date.now().toString(36)}`;
// `confirmed`: what the review step posts, so a valid gift goes straight to Stripe and a refusal is the only other answer.
const valid = { frequency: "once", currency: "eur", amount: "2500", placement: "support_page", source_path: "/support", campaign: marker, confirmed: "1" };
type Fields = Record<string, string | undefined>;

function hostileCases(): { name: string; fields: Fields; reason: RegExp }[] {
  const cases: { name: string; fields: Fields; reason: RegExp }[] = [];
  const amountReason = /Enter an amount|Enter a whole number|Choose an amount from|Choose one of the amounts shown|without a thousands separator/;
  const badAmounts = ["", "0", "-100", "-0", "1.5", "10.00", "NaN", "Infinity", "-Infinity", "1e3", "0x10", "199", "99999999999", " ", "25 00", "२५००", MB];
  const badOther = ["", "0", "-5", "1.999", "NaN", "Infinity", "1e2", "abc", "1.99", "100000000", "1,0000", "12,345.678", "--1", "1/2", MB];
  for (const frequency of ["once", "monthly", "annual"]) {
    for (const currency of ["usd", "eur", "gbp", "jpy"]) {
      for (const amount of badAmounts) cases.push({ name: `amount=${amount.slice(0, 12)} ${frequency} ${currency}`, fields: { ...valid, frequency, currency, amount }, reason: amountReason });
      for (const other of badOther) cases.push({ name: `other=${other.slice(0, 12)} ${frequency} ${currency}`, fields: { ...valid, frequency, currency, amount: "other", other_amount: other }, reason: amountReason });
    }
  }
  for (const frequency of [undefined, "", "weekly", "ONCE", "once ", MB]) cases.push({ name: `frequency=${String(frequency).slice(0, 12)}`, fields: { ...valid, frequency }, reason: /once, monthly or annual/ });
  for (const currency of [undefined, "", "btc", "USD", "eu", MB]) cases.push({ name: `currency=${String(currency).slice(0, 12)}`, fields: { ...valid, currency }, reason: /currency/ });
  for (const placement of [undefined, "", "popup", "banner ", MB]) cases.push({ name: `placement=${String(placement).slice(0, 12)}`, fields: { ...valid, placement }, reason: /placement|check the highlighted/ });
  for (const source_path of [undefined, "", "https://evil.example/x", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/a?x=https://evil.example", MB])
    cases.push({ name: `source_path=${String(source_path).slice(0, 20)}`, fields: { ...valid, source_path }, reason: /check the highlighted/ });
  for (const campaign of ["<script>alert(1)</script>", "x".repeat(65), "a b"]) cases.push({ name: `campaign=${campaign.slice(0, 12)}`, fields: { ...valid, campaign }, reason: /check the highlighted/ });
  // Above the monthly maximum but fine once: the limit depends on the frequency.
  cases.push({ name: "monthly above 1,000", fields: { ...valid, frequency: "monthly", amount: "other", other_amount: "1000.01" }, reason: /to €1,000/ });
  return cases;
}

test("hostile gift submissions get the form back with a reason and never reach Stripe", async ({ request }) => {
  test.setTimeout(180_000);
  const hidden = await formHiddenFields(request);
  const sessionsWithMarker = async () => {
    const res = await request.get(`${emulatorUrl()}/v1/checkout/sessions?limit=100`, { headers: { authorization: "Bearer sk_test_emulator" } });
    const list = (await res.json()) as { data: { metadata: Record<string, string> }[] };
    return list.data.filter((s) => s.metadata.campaign === marker).length;
  };
  const cases = hostileCases();
  expect(cases.length).toBeGreaterThan(300);

  for (const c of cases) {
    const multipart: Record<string, string> = Object.fromEntries(hidden);
    for (const [k, v] of Object.entries(c.fields)) if (v !== undefined) multipart[k] = v;
    const res = await request.post("/support", { multipart, maxRedirects: 0 });
    if (Object.values(c.fields).some((v) => v === MB)) {
      expect(res.status(), c.name).toBe(413);
      expect(await res.text(), c.name).toContain("That form was too large");
      continue;
    }
    expect(res.status(), c.name).toBe(200);
    expect(res.headers()["location"], c.name).toBeUndefined();
    const html = await res.text();
    expect(html, c.name).toMatch(c.reason);
    expect(html, c.name).not.toContain("<script>alert(1)</script>");
  }
  expect(await sessionsWithMarker()).toBe(0);

  // The same harness with a valid gift does reach Checkout: the refusals above are real.
  const ok = await request.post("/support", { multipart: { ...Object.fromEntries(hidden), ...valid }, maxRedirects: 0 });
  expect(ok.status()).toBe(303);
  expect(ok.headers()["location"]).toMatch(/\/pay\/cs_/);
  expect(await sessionsWithMarker()).toBe(1);
});
