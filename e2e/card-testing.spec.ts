import { expect, test } from "@playwright/test";
import { emulatorUrl, serverEnv } from "./helpers";

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, "&");

test("200 quick checkout attempts from one address create no more sessions than the limit", async ({ request }) => {
  test.setTimeout(120_000);
  const limit = Number(serverEnv().CHECKOUT_LIMIT_PER_CLIENT);
  // A forged X-Forwarded-For buys no fresh budget: the server counts the hop it saw itself.
  const address = `203.0.113.${Math.floor(Math.random() * 200) + 20}`;
  const marker = `cardtest${Date.now().toString(36)}`;
  const html = await (await request.get("/support")).text();
  const form = /<form[^>]*encType="multipart\/form-data"[^>]*>([\s\S]*?)<\/form>/.exec(html)![1]!;
  const hidden = Object.fromEntries([...form.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/>/g)].map((m) => [m[1]!, decode(m[2] ?? "")]));

  const statuses = new Map<number, number>();
  let limitedForms = 0;
  const attempt = async (i: number) => {
    // A card tester: no cookies, no browser, a new amount each time.
    const res = await request.post("/support", {
      multipart: { ...hidden, frequency: "once", currency: "usd", amount: "other", other_amount: String(2 + i), placement: "support_page", source_path: "/support", campaign: marker, confirmed: "1" },
      headers: { "x-forwarded-for": address, accept: i % 2 ? "*/*" : "text/html", cookie: "" },
      maxRedirects: 0,
    });
    statuses.set(res.status(), (statuses.get(res.status()) ?? 0) + 1);
    if (res.status() === 200 && (await res.text()).includes("Too many payment attempts")) limitedForms++;
  };
  for (let batch = 0; batch < 20; batch++) await Promise.all(Array.from({ length: 10 }, (_, j) => attempt(batch * 10 + j)));

  const list = await request.get(`${emulatorUrl()}/v1/checkout/sessions?limit=100`, { headers: { authorization: "Bearer sk_test_emulator" } });
  const created = ((await list.json()) as { data: { metadata: Record<string, string> }[] }).data.filter((s) => s.metadata.campaign === marker).length;
  // Earlier specs gave from this same address, so part of its budget may already be spent.
  expect(created).toBeGreaterThan(0);
  expect(created).toBeLessThanOrEqual(limit);
  expect(statuses.get(303)).toBe(created);
  // Scripted clients over the limit get a plain 429; browser-like ones the form with the reason.
  expect(statuses.get(429) ?? 0).toBeGreaterThan(0);
  expect(limitedForms).toBeGreaterThan(0);
  expect((statuses.get(303) ?? 0) + (statuses.get(429) ?? 0) + limitedForms).toBe(200);
  // The budget is spent: one more attempt, even a browser's, makes no session.
  await attempt(999);
  const after = await request.get(`${emulatorUrl()}/v1/checkout/sessions?limit=100`, { headers: { authorization: "Bearer sk_test_emulator" } });
  expect(((await after.json()) as { data: { metadata: Record<string, string> }[] }).data.filter((s) => s.metadata.campaign === marker).length).toBe(created);
});
