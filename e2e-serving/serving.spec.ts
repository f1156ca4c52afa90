import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { SAMPLE_CONTENT_DIR } from "@/db/seed/sample-content";
import { FRONT_SECURITY_HEADERS } from "@/deploy/nginx/config";

/**
 * The production recipe end to end: the front (nginx) on PORT, Varnish behind it on PORT+3, in front of
 * two Next.js instances (PORT+1, PORT+2) that share one Next.js cache in Redis. `X-Cache` (HIT / MISS /
 * PASS) is the front's: HIT from its own copy, else what the VCL said.
 */
const serverEnv = (): Record<string, string> => JSON.parse(readFileSync(path.resolve("e2e-serving/.server-env.json"), "utf8")) as Record<string, string>;
const port = () => Number(serverEnv().PORT);
const cacheUrl = () => `http://127.0.0.1:${port()}`;
const instanceUrl = (n: 1 | 2) => `http://127.0.0.1:${port() + n}`;
const varnishUrl = () => `http://127.0.0.1:${port() + 3}`;

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer; text: string };
/** node:http, so no client adds its own Accept-Encoding or cookies. */
function raw(url: string, { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const buf = Buffer.concat(chunks);
        const decoded = res.headers["content-encoding"] === "gzip" ? gunzipSync(buf) : buf;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buf, text: decoded.toString() });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}
const xcache = (r: Reply) => r.headers["x-cache"];
/** The front keeps a copy for under two seconds (nginx counts whole seconds), and a request takes a moment. */
const FRONT_REFRESH_MS = 2_500;

async function runImport(dir: string, siteUrl?: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/content-import.ts", dir], {
    env: { ...process.env, ...serverEnv(), ...(siteUrl ? { SITE_URL: siteUrl } : {}) },
  });
  return stdout;
}

/** A sample article's Markdown, re-headlined: importing it is a correction of a live article. */
function correction(slug: string, headline: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-serving-"));
  mkdirSync(path.join(dir, "articles"));
  const root = SAMPLE_CONTENT_DIR;
  const file = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .find((f) => readFileSync(path.join(root, f), "utf8").includes(`\nslug: ${slug}\n`));
  if (!file) throw new Error(`no sample article ${slug}`);
  const text = readFileSync(path.join(root, file), "utf8").replace(/^headline: .*$/m, `headline: "${headline}"`);
  writeFileSync(path.join(dir, "articles", `${slug}.md`), text);
  return dir;
}

async function someArticle(offset: number): Promise<{ slug: string; section: string; tag: string }> {
  const home = (await raw(`${cacheUrl()}/`)).text;
  const slugs = [...new Set([...home.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1]!))];
  const slug = slugs[offset]!;
  const page = (await raw(`${cacheUrl()}/articles/${slug}`)).text;
  return {
    slug,
    section: /class="kicker" href="\/sections\/([a-z0-9-]+)"/.exec(page)![1]!,
    tag: /<a[^>]*rel="tag"[^>]*href="\/tags\/([a-z0-9-]+)"|<a[^>]*href="\/tags\/([a-z0-9-]+)"[^>]*rel="tag"/.exec(page)!.slice(1).find(Boolean)!,
  };
}

async function cachedHit(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  await raw(url, { headers });
  const again = await raw(url, { headers });
  expect(xcache(again), url).toBe("HIT");
  return again;
}

test("a published correction is visible through the cache within 5 seconds, on every page that shows it", async () => {
  const { slug, section, tag } = await someArticle(1);
  const pages = [`/articles/${slug}`, "/", `/sections/${section}`, `/tags/${tag}`];
  for (const p of pages) await cachedHit(`${cacheUrl()}${p}`);
  await cachedHit(`${cacheUrl()}/articles/${slug}`, { "accept-encoding": "gzip" });

  const headline = `Correction ${Date.now().toString(36)}: the committee met on Tuesday`;
  const started = Date.now();
  expect(await runImport(correction(slug, headline))).toContain("The running site was told to refresh.");
  // Within 5 s of publishing, however slowly the import command itself starts, and within the front's
  // two seconds (deploy/nginx/front.conf) of Varnish's purge.
  const deadline = Math.max(started + 5_000, Date.now() + FRONT_REFRESH_MS);
  for (const p of pages) {
    await expect.poll(async () => (await raw(`${cacheUrl()}${p}`)).text.includes(headline), { timeout: deadline - Date.now(), intervals: [100] }).toBe(true);
  }
  expect((await raw(`${cacheUrl()}/articles/${slug}`, { headers: { "accept-encoding": "gzip" } })).text).toContain(headline);
  expect(Date.now() - started).toBeLessThan(5_000 + 4_000 /* the import command's own start-up */);
  // And cached again for the next reader.
  expect(xcache(await raw(`${cacheUrl()}/articles/${slug}`))).toBe("HIT");
});

test("feeds and sitemaps come from the cache, answer 304 through it, and show a correction within 5 seconds", async () => {
  const { slug, section } = await someArticle(2);
  const feeds = ["/feed.xml", "/feed.atom", "/feed.json", `/sections/${section}/feed.xml`, `/sections/${section}/feed.atom`, `/sections/${section}/feed.json`];
  for (const p of [...feeds, "/sitemap.xml", "/news-sitemap.xml"]) {
    const hit = await cachedHit(`${cacheUrl()}${p}`);
    const etag = hit.headers["etag"] as string;
    expect(etag, p).toBeTruthy();
    expect((await raw(`${cacheUrl()}${p}`, { headers: { "if-none-match": etag } })).status, `${p}: 304 through the cache`).toBe(304);
  }
  const headline = `Correction ${Date.now().toString(36)}: the feed follows the page`;
  const started = Date.now();
  expect(await runImport(correction(slug, headline))).toContain("The running site was told to refresh.");
  const deadline = Math.max(started + 5_000, Date.now() + FRONT_REFRESH_MS);
  for (const p of feeds) {
    await expect.poll(async () => (await raw(`${cacheUrl()}${p}`)).text.includes(headline), { timeout: deadline - Date.now(), intervals: [100] }).toBe(true);
  }
});

test("two instances agree after a revalidation received by one of them", async () => {
  const { slug } = await someArticle(2);
  const p = `/articles/${slug}`;
  for (const n of [1, 2] as const) expect((await raw(`${instanceUrl(n)}${p}`)).status).toBe(200);

  const headline = `Instances agree ${Date.now().toString(36)}`;
  // The import tells instance 1 only; instance 2 learns through the shared cache in Redis.
  await runImport(correction(slug, headline), instanceUrl(1));
  await expect.poll(async () => (await raw(`${instanceUrl(2)}${p}`)).text.includes(headline), { timeout: 5_000, intervals: [100] }).toBe(true);
  expect((await raw(`${instanceUrl(1)}${p}`)).text).toContain(headline);
  await expect.poll(async () => (await raw(`${cacheUrl()}${p}`)).text.includes(headline), { timeout: 5_000, intervals: [100] }).toBe(true);
});

test("a form rendered by one instance is accepted by the other (one server-action key)", async () => {
  const page = await raw(`${instanceUrl(1)}/e2e-fixtures/server-action`);
  expect(page.status).toBe(200);
  const nonce = /data-nonce="([0-9a-f]+)"/.exec(page.text)![1]!;
  const form = new FormData();
  for (const m of page.text.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? "";
    if (name) form.set(name.replaceAll("&quot;", '"'), value.replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  form.set("name", "Ada");
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  for (const target of [instanceUrl(2), cacheUrl()]) {
    const res = await raw(`${target}/e2e-fixtures/server-action`, { method: "POST", headers: { "content-type": encoded.headers.get("content-type")! }, body });
    expect(res.status, target).toBe(303);
    expect(decodeURIComponent(String(res.headers.location))).toContain(`echo=${nonce}:Ada`);
  }
});

test("admin and thank-you pages never come from the cache, nor does a response that sets a cookie", async () => {
  for (const p of ["/admin", "/admin/gifts", "/support/thank-you?session_id=cs_test_123", "/api/revalidate"]) {
    await raw(`${cacheUrl()}${p}`);
    expect(xcache(await raw(`${cacheUrl()}${p}`)), p).toBe("PASS");
  }
  const first = await raw(`${cacheUrl()}/e2e-fixtures/set-cookie`);
  expect(first.headers["set-cookie"]).toBeDefined();
  const second = await raw(`${cacheUrl()}/e2e-fixtures/set-cookie`);
  expect(xcache(second)).not.toBe("HIT");
  expect(second.text).not.toBe(first.text);
});

test("requests with RSC, prefetch, cookie and odd encoding headers leave the cached page in place for the next reader", async () => {
  const { slug } = await someArticle(3);
  const url = `${cacheUrl()}/articles/${slug}`;
  const before = await cachedHit(url);
  const gzBefore = await cachedHit(url, { "accept-encoding": "gzip" });
  // Varnish's own copy (the front refreshes its copies from it every second or two), and its age.
  const fromVarnish = () => raw(`${varnishUrl()}/articles/${slug}`, { headers: { host: new URL(url).host } });
  const stored = await fromVarnish();
  expect(xcache(stored)).toBe("HIT");
  const strangers: Record<string, string>[] = [
    { rsc: "1" },
    { rsc: "1", "next-router-prefetch": "1" },
    { rsc: "1", "next-router-prefetch": "1", "next-router-segment-prefetch": "/_tree" },
    { "next-router-prefetch": "1" },
    { "next-router-state-tree": "%5B%22%22%2C%7B%7D%5D" },
    { cookie: "mh_reads=5; mh_ask_snooze=99999999999999; session=forged" },
    { "accept-encoding": "br" },
    { "accept-encoding": "gzip;q=0, identity" },
    { "x-middleware-subrequest": "middleware", "x-prerender-revalidate": "guess" },
  ];
  for (const headers of strangers) await raw(url, { headers });
  for (const q of ["?utm_source=spam", "?_rsc=0000", "?x=1&_rsc=1"]) await raw(`${url}${q}`);

  const after = await raw(url);
  expect(xcache(after)).toBe("HIT");
  expect(after.text).toBe(before.text);
  const storedAfter = await fromVarnish();
  expect(xcache(storedAfter)).toBe("HIT");
  expect(Number(storedAfter.headers.age)).toBeGreaterThanOrEqual(Number(stored.headers.age));
  const gzAfter = await raw(url, { headers: { "accept-encoding": "gzip" } });
  expect(xcache(gzAfter)).toBe("HIT");
  expect(gzAfter.headers["content-encoding"]).toBe("gzip");
  expect(gzAfter.text).toBe(gzBefore.text);
});

test("a reader in Chromium navigates between cached pages, client-side, through the cache", async ({ browser }) => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const res = await page.goto(`${cacheUrl()}/`);
  expect(res?.status()).toBe(200);
  // Chromium accepts brotli, and the front gives it.
  expect((await res!.allHeaders())["content-encoding"]).toBe("br");
  const lead = page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link");
  const headline = (await lead.textContent())!.trim();
  await lead.click();
  await expect(page).toHaveURL(/\/articles\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
  await page.goBack();
  await expect(page.getByRole("region", { name: "Lead story" })).toBeVisible();
  expect(errors).toEqual([]);
  await page.close();
});

test("every ask variant is served from the cache, each reader getting only the asks not declined", async () => {
  const { slug } = await someArticle(4);
  const url = `${cacheUrl()}/articles/${slug}`;
  const readers = [
    { cookie: "", banner: true, inline: true },
    { cookie: "mh_reads=4; mh_dialog_seen=1", banner: true, inline: true },
    { cookie: "mh_banner_closed=1", banner: false, inline: true },
    { cookie: "mh_reads=2; mh_ask_snooze=1", banner: false, inline: false },
    { cookie: "mh_gave=1; mh_banner_closed=1", banner: false, inline: false },
  ];
  for (const { cookie, banner, inline } of readers) {
    // A client's own variant header is ignored: the cache chooses from the cookies.
    const headers: Record<string, string> = { "x-masthead-ask": "quiet", ...(cookie ? { cookie } : {}) };
    const reply = await cachedHit(url, headers);
    expect(reply.text.includes("Close the support banner"), cookie).toBe(banner);
    expect(reply.text.includes("A message from the newsroom"), cookie).toBe(inline);
  }
});

test("a page from the front's copy carries the app's security headers and Vary, once each, as the instances send them", async () => {
  const { slug } = await someArticle(5);
  const p = `/articles/${slug}`;
  const fromApp = await raw(`${instanceUrl(1)}${p}`);
  const clients: Record<string, string>[] = [{}, { "accept-encoding": "gzip" }, { "accept-encoding": "gzip, deflate, br, zstd" }];
  for (const headers of clients) {
    const kept = await cachedHit(`${cacheUrl()}${p}`, headers);
    for (const name of [...FRONT_SECURITY_HEADERS, "vary"]) expect(kept.headers[name], `${name} ${JSON.stringify(headers)}`).toBe(fromApp.headers[name]);
  }
  expect(fromApp.headers.vary).toContain("rsc");
  expect(fromApp.headers["content-security-policy"]).toContain("script-src");
});
