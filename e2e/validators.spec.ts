/**
 * Independent validators over the production build, as served: the Nu HTML Checker (vnu-jar, Java)
 * over every public page kind, 404s included; xmllint with the official sitemap XSDs; an independent
 * feed parser (@rowanmanning/feed-parser) over every feed; robots-parser over robots.txt. Any error fails.
 * Beside them, the facts search engines and share cards rely on: every URL we write answers 200.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { CspEvaluator } from "csp_evaluator/dist/evaluator.js";
import { Severity, Type } from "csp_evaluator/dist/finding.js";
import { CspParser } from "csp_evaluator/dist/parser.js";
import robotsParser from "robots-parser";
import { measureTransfer } from "../bench/transfer";
import { giveOnSupportPage, runCli, serverEnv, uniqueEmail } from "./helpers";
import { FEED_FORMATS, FEED_TYPES, feedPath, listingPath, NONCE_PATHS, PRIVATE_PATHS, type ListingKind } from "@/lib/site/paths";

const VNU_JAR = path.resolve("node_modules/vnu-jar/build/dist/vnu.jar");
const XSD = (name: string) => path.resolve("e2e/validators", name);

type Site = { article: string; section: string; tag: string; author: string };

/** Real addresses of each kind, found the way a reader finds them: from the front page and an article. */
async function discover(request: APIRequestContext): Promise<Site> {
  const home = await (await request.get("/")).text();
  const article = /href="(\/articles\/[a-z0-9-]+)"/.exec(home)![1]!;
  const html = await (await request.get(article)).text();
  const find = (kind: string) => new RegExp(`href="(/${kind}/[a-z0-9-]+)"`).exec(html)?.[1] ?? new RegExp(`href="(/${kind}/[a-z0-9-]+)"`).exec(home)![1]!;
  return { article, section: find("sections"), tag: find("tags"), author: find("authors") };
}

const pageKinds = (s: Site) => ({
  home: "/",
  article: s.article,
  section: s.section,
  tag: s.tag,
  author: s.author,
  search: "/search?q=water",
  "search, no query": "/search",
  support: "/support",
  "thank-you (unknown session)": "/support/thank-you?session_id=cs_test_unknown",
  "manage your gift": "/support/manage",
  "staff sign-in": "/admin/sign-in",
  "404: article": "/articles/no-such-story",
  "404: section": "/sections/no-such-section",
  "404: tag": "/tags/no-such-tag",
  "404: author": "/authors/no-such-author",
  "404: page past the end": `${s.section}/page/999`,
  "404: one segment": "/no-such-page",
  "404: no route": "/no/such/page/at/all",
});

const feedsOf = (s: Site) => {
  const bases: [string, string][] = [["site", "/"], ["section", s.section], ["tag", s.tag], ["author", s.author]];
  return bases.flatMap(([kind, base]) => FEED_FORMATS.map((format) => ({ name: `${kind} ${format}`, format, path: feedPath(base, format) })));
};

function runJava(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync("java", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return run;
}

type VnuMessage = { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number };


/** The Nu HTML Checker over documents as served, in one JVM: its version and every error, named by document. */
function nuCheck(docs: { label: string; body: Buffer }[]): { version: string; errors: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), "vnu-"));
  const labels = new Map<string, string>();
  docs.forEach((d, i) => {
    const file = path.join(dir, `${i}-${d.label.replace(/[^a-z0-9]+/gi, "-")}.html`);
    writeFileSync(file, d.body);
    labels.set(`file:${file}`, d.label);
  });
  const version = runJava(["-jar", VNU_JAR, "--version"]).stdout.trim();
  // --exit-zero-always so that the JSON is read and every error named.
  const run = runJava(["-jar", VNU_JAR, "--format", "json", "--exit-zero-always", ...[...labels.keys()].map((f) => f.slice(5))]);
  const messages = (JSON.parse(run.stderr || run.stdout) as { messages: VnuMessage[] }).messages;
  const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal" || m.type === "non-document-error");
  return { version, errors: errors.map((e) => `${labels.get(e.url) ?? e.url}:${e.lastLine ?? "?"}: ${e.message} ${e.extract ? `[${e.extract.trim()}]` : ""}`) };
}

test("the Nu HTML Checker finds no error on any page kind, as served", async ({ request }) => {
  test.setTimeout(120_000);
  const site = await discover(request);
  const docs: { label: string; body: Buffer }[] = [];
  for (const [kind, url] of Object.entries(pageKinds(site))) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect([200, 404], `${kind} ${url}: status`).toContain(res.status());
    expect(res.headers()["content-type"], `${kind} ${url}`).toContain("text/html");
    docs.push({ label: `${kind} (${url})`, body: await res.body() });
  }
  const { version, errors } = nuCheck(docs);
  test.info().annotations.push({ type: "vnu", description: `vnu ${version}: ${docs.length} documents, ${errors.length} errors` });
  console.log(`vnu ${version}: ${docs.length} documents, ${errors.length} errors`);
  expect(errors).toEqual([]);
});

test("the Nu HTML Checker finds no error on the thank-you and manage pages of a real monthly gift (their forms included)", async ({ browser, request }) => {
  test.setTimeout(60_000);
  // A client address of its own (TEST-NET-1; no other spec uses it), so this gift spends no other spec's checkout budget.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "192.0.2.250" } });
  const page = await context.newPage();
  const email = uniqueEmail("vnu");
  await giveOnSupportPage(page, { frequency: "Monthly", preset: /^€10\b/, email });
  await page.waitForURL(/\/support\/thank-you\?session_id=cs_/);
  await expect(page.getByRole("button", { name: "Manage your gift" })).toBeVisible();
  const url = new URL(page.url());
  const res = await request.get(`${url.pathname}${url.search}`);
  expect(res.status()).toBe(200);
  const body = await res.body();
  expect(body.toString()).toMatch(/<form action="\/support\/thank-you"/);
  // The receipt's manage link: the manage page with the gift's forms (pause, change, cancel) and its confirmation step.
  const inbox = `http://127.0.0.1:${serverEnv().MAIL_CATCHER_WEB_PORT}/api/messages`;
  const receiptLink = async () => {
    const mail = ((await (await request.get(inbox)).json()) as { to: string[]; text: string }[]).find((m) => m.to.includes(email));
    return mail ? /https?:\/\/[^\s"<>\]]+\/support\/manage\?token=[^\s"<>\]]+/.exec(mail.text)?.[0] : undefined;
  };
  await expect.poll(receiptLink, { timeout: 20_000 }).toBeTruthy();
  const manage = new URL((await receiptLink())!);
  const managed = await request.get(`${manage.pathname}${manage.search}`);
  expect(managed.status()).toBe(200);
  const managedHtml = await managed.body();
  expect(managedHtml.toString()).toContain("Change your gift");
  const confirm = /href="(\/support\/manage\?token=[^"]+&amp;confirm=sub_[^"#]+)/.exec(managedHtml.toString())?.[1]?.replaceAll("&amp;", "&");
  expect(confirm).toBeTruthy();
  const confirming = await request.get(confirm!);
  const stop = await request.get("/support/manage/stop-reminders?token=1.not-a-real-signature");
  const docs = [
    { label: "thank-you (monthly gift)", body },
    { label: "manage (a valid link)", body: managedHtml },
    { label: "manage (cancel confirmation)", body: await confirming.body() },
    { label: "stop reminders (an unreadable link)", body: await stop.body() },
  ];
  expect(nuCheck(docs).errors).toEqual([]);
  await context.close();
});

test("404s of every kind are the site's page in the served HTML, and without JavaScript", async ({ request, browser }) => {
  const site = await discover(request);
  const notFound = Object.entries(pageKinds(site)).filter(([kind]) => kind.startsWith("404"));
  for (const [kind, url] of notFound) {
    const res = await request.get(url);
    expect(res.status(), kind).toBe(404);
    const html = await res.text();
    expect(html, kind).toMatch(/<html lang="en"/);
    expect(html, kind).toMatch(/<h1[^>]*>Page not found<\/h1>/);
    expect(html, kind).toContain('<header class="');
    expect(html, kind).toMatch(/<meta name="robots" content="noindex/);
  }
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const [kind, url] of notFound) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" }), kind).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to the front page" }), kind).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search articles" }), kind).toBeVisible();
  }
  await context.close();
  // With JavaScript the router takes over the same 404: still one page, one heading, one masthead.
  const withJs = await browser.newPage();
  const errors: string[] = [];
  withJs.on("pageerror", (e) => errors.push(e.message));
  for (const [kind, url] of notFound) {
    await withJs.goto(url);
    await withJs.waitForLoadState("networkidle");
    await expect(withJs.getByRole("heading", { level: 1 }), kind).toHaveText("Page not found");
    await expect(withJs.getByRole("banner"), kind).toHaveCount(1);
    await expect(withJs.getByRole("contentinfo"), kind).toHaveCount(1);
  }
  expect(errors).toEqual([]);
  await withJs.close();
});

/** The text of some HTML, entities decoded and whitespace collapsed, to compare a feed item with its page. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

/** An image we name in metadata, JSON-LD or a feed: it answers 200 as a raster image of the size we say. */
async function expectRasterImage(request: APIRequestContext, url: string, size?: { width: number; height: number }) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()["content-type"], url).toBe("image/png");
  const png = await res.body();
  expect(png.subarray(1, 4).toString("latin1"), url).toBe("PNG");
  const actual = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  if (size) expect(actual, url).toEqual(size);
  return actual;
}

test("feeds: every format of every feed parses, with full content and an image that answers", async ({ request }) => {
  test.setTimeout(120_000);
  const site = await discover(request);
  const images = new Set<string>();
  for (const feed of feedsOf(site)) {
    const res = await request.get(feed.path);
    expect(res.status(), feed.name).toBe(200);
    expect(res.headers()["content-type"], feed.name).toContain(FEED_TYPES[feed.format]);
    const body = await res.text();
    let items: { url: string | null; content: string | null; summary: string | null; image: string | undefined }[];
    if (feed.format === "json") {
      const json = JSON.parse(body) as { version: string; title: string; home_page_url: string; feed_url: string; items: { id: string; url: string; content_html?: string; summary?: string; image?: string; title?: string }[] };
      // JSON Feed 1.1: version, title and items required; each item an id and content.
      expect(json.version, feed.name).toBe("https://jsonfeed.org/version/1.1");
      expect(json.title, feed.name).toBeTruthy();
      expect(json.feed_url, feed.name).toMatch(new RegExp(`${feed.path.replace(/\./g, "\\.")}$`));
      for (const item of json.items) expect(item.id, feed.name).toBeTruthy();
      items = json.items.map((i) => ({ url: i.url, content: i.content_html ?? null, summary: i.summary ?? null, image: i.image }));
      expect(new URL(json.home_page_url).pathname, `${feed.name}: the page it follows`).toBe(feed.path.replace(/\/?feed\.json$/, "") || "/");
    } else {
      const lint = spawnSync("xmllint", ["--noout", "-"], { input: body, encoding: "utf8" });
      expect(lint.status, `${feed.name}: well-formed XML\n${lint.stderr}`).toBe(0);
      const parsed = parseFeed(body);
      expect(new URL(parsed.url!).pathname, `${feed.name}: the channel's link is the page it follows`).toBe(feed.path.replace(/\/?feed\.(xml|atom)$/, "") || "/");
      expect(parsed.self ?? "", `${feed.name}: self link`).toMatch(new RegExp(`${feed.path.replace(/\./g, "\\.")}$`));
      items = parsed.items.map((i) => ({ url: i.url, content: i.content, summary: i.description, image: i.mediaImages[0]?.url ?? undefined }));
    }
    expect(items.length, feed.name).toBeGreaterThan(0);
    // The whole article: the end of the item's text is the end of the article's text on its page.
    const first = items[0]!;
    const ending = textOf(first.content ?? "").slice(-80);
    expect(textOf(await (await request.get(new URL(first.url!).pathname)).text()), `${feed.name}: ${first.url} in full`).toContain(ending);
    for (const item of items) {
      expect(item.url, feed.name).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/articles\//);
      expect(textOf(item.content ?? "").length, `${feed.name} ${item.url}: the full text, not the standfirst`).toBeGreaterThan(textOf(item.summary ?? "").length);
      expect(item.content, `${feed.name}: links and images absolute`).not.toMatch(/\b(src|href)="\/(?!\/)/);
      expect(item.image, `${feed.name} ${item.url}: an image`).toBeTruthy();
      images.add(item.image!);
    }
  }
  // The hero when it is a photograph, else the share card: a raster image either way.
  for (const image of images) {
    const res = await request.get(new URL(image).pathname);
    expect(res.status(), image).toBe(200);
    expect(res.headers()["content-type"], image).toMatch(/^image\/(png|jpeg|webp|gif)$/);
  }
});

test("every page with a feed announces all of them, and every announced feed answers", async ({ request }) => {
  const site = await discover(request);
  const own: Record<string, string | null> = { "/": null, [site.article]: null, [site.section]: site.section, [site.tag]: site.tag, [site.author]: site.author };
  for (const [page, base] of Object.entries(own)) {
    const html = await (await request.get(page)).text();
    const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? "";
    const links = [...html.matchAll(/<link rel="alternate"[^>]*>/g)].map((m) => ({ type: attr(m[0], "type"), href: new URL(attr(m[0], "href")).pathname })).filter((l) => l.type !== "");
    for (const format of FEED_FORMATS) {
      expect(links, `${page}: the site's ${format} feed`).toContainEqual({ type: FEED_TYPES[format], href: feedPath("/", format) });
      if (base) expect(links, `${page}: its own ${format} feed`).toContainEqual({ type: FEED_TYPES[format], href: feedPath(base, format) });
    }
    for (const link of links) expect((await request.get(link.href)).status(), `${page} → ${link.href}`).toBe(200);
    if (base) {
      // The visible links on a listing go to its own feeds, not the site's.
      for (const format of FEED_FORMATS) expect(html, `${page}: visible ${format} link`).toContain(`href="${feedPath(base, format)}"`);
    }
  }
});

test("sitemaps are valid against the official schemas (xmllint), and list only pages that answer", async ({ request }) => {
  const version = spawnSync("xmllint", ["--version"], { encoding: "utf8" }).stderr.split("\n")[0];
  console.log(`xmllint: ${version}`);
  for (const [url, schema] of [["/sitemap.xml", "sitemap.xsd"], ["/news-sitemap.xml", "news-sitemap.xsd"]] as const) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
    const body = await res.text();
    const run = spawnSync("xmllint", ["--noout", "--schema", XSD(schema), "-"], { input: body, encoding: "utf8" });
    expect(run.status, `${url} against ${schema}:\n${run.stderr}`).toBe(0);
    const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(locs.length, url).toBeGreaterThan(0);
    for (const loc of locs.slice(0, 25)) expect((await request.get(loc)).status(), `${url}: ${loc}`).toBe(200);
  }
});

test("feeds and sitemaps answer conditional GETs with 304, as pages do", async ({ request }) => {
  const site = await discover(request);
  for (const url of ["/sitemap.xml", "/news-sitemap.xml", ...feedsOf(site).map((f) => f.path)]) {
    const first = await request.get(url);
    const etag = first.headers()["etag"];
    expect(etag, url).toBeTruthy();
    expect((await request.get(url, { headers: { "if-none-match": etag! } })).status(), `${url}: If-None-Match`).toBe(304);
    expect((await request.get(url, { headers: { "if-none-match": '"something-else"' } })).status(), `${url}: a stale ETag`).toBe(200);
    const modified = first.headers()["last-modified"];
    if (modified) expect((await request.get(url, { headers: { "if-modified-since": modified } })).status(), `${url}: If-Modified-Since`).toBe(304);
  }
});

test("robots.txt reads the same to an independent parser: private paths closed, reading pages open, sitemaps absolute", async ({ request, baseURL }) => {
  const site = await discover(request);
  const text = await (await request.get("/robots.txt")).text();
  const robots = robotsParser(`${baseURL}/robots.txt`, text);
  expect(text).not.toMatch(/^Allow:/im);
  for (const agent of ["Googlebot", "Bingbot", "GPTBot", "AnyCrawler/1.0"]) {
    for (const p of PRIVATE_PATHS) expect(robots.isDisallowed(`${baseURL}${p}`, agent), `${agent} ${p}`).toBe(true);
    expect(robots.isDisallowed(`${baseURL}/admin/sign-in`, agent), agent).toBe(true);
    for (const p of ["/", site.article, site.section, site.tag, site.author, "/support", "/feed.xml", "/sitemap.xml"]) expect(robots.isAllowed(`${baseURL}${p}`, agent), `${agent} ${p}`).toBe(true);
  }
  const sitemaps = robots.getSitemaps();
  expect(sitemaps).toEqual([`${baseURL}/sitemap.xml`, `${baseURL}/news-sitemap.xml`]);
  for (const s of sitemaps) expect((await request.get(new URL(s).pathname)).status()).toBe(200);
});

type JsonLd = Record<string, unknown> & { "@type"?: string; "@graph"?: JsonLd[] };

async function jsonLd(request: APIRequestContext, url: string): Promise<JsonLd[]> {
  const html = await (await request.get(url)).text();
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as JsonLd);
  return blocks.flatMap((b) => b["@graph"] ?? [b]);
}

/** Every URL in structured data: absolute, on this site, answering 200. */
async function expectUrlsAnswer(request: APIRequestContext, data: unknown, baseURL: string) {
  const urls = JSON.stringify(data).match(/"(https?:\/\/[^"]+)"/g)?.map((u) => u.slice(1, -1)).filter((u) => !u.startsWith("https://schema.org")) ?? [];
  for (const url of new Set(urls)) {
    expect(url.startsWith(baseURL), url).toBe(true);
    if (url.includes("{")) continue; // the SearchAction's URL template
    expect((await request.get(new URL(url).pathname + new URL(url).search)).status(), url).toBe(200);
  }
}

test("structured data: NewsArticle with raster images at 16:9, 4:3 and 1:1, a raster logo of 112 px or more, breadcrumbs; WebSite and the publisher on the front page; ProfilePage for authors", async ({ request, baseURL }) => {
  const site = await discover(request);
  const article = await jsonLd(request, site.article);
  const news = article.find((d) => d["@type"] === "NewsArticle")!;
  expect(news, "NewsArticle").toBeTruthy();
  const images = news.image as { url: string; width: number; height: number }[];
  const ratios = [];
  for (const image of images) {
    const size = await expectRasterImage(request, new URL(image.url).pathname, { width: image.width, height: image.height });
    expect(size.width * size.height, image.url).toBeGreaterThanOrEqual(50_000);
    ratios.push((size.width / size.height).toFixed(3));
  }
  expect(ratios.sort()).toEqual([(1).toFixed(3), (4 / 3).toFixed(3), (16 / 9).toFixed(3)].sort());
  const logo = (news.publisher as { logo: { url: string } }).logo;
  const logoSize = await expectRasterImage(request, new URL(logo.url).pathname);
  expect(Math.min(logoSize.width, logoSize.height)).toBeGreaterThanOrEqual(112);
  expect(Date.parse(news.datePublished as string)).not.toBeNaN();
  expect((news.author as unknown[]).length).toBeGreaterThan(0);
  const crumbs = article.find((d) => d["@type"] === "BreadcrumbList")!;
  expect((crumbs.itemListElement as { position: number }[]).map((c) => c.position)).toEqual([1, 2, 3]);
  await expectUrlsAnswer(request, article, baseURL!);

  const home = await jsonLd(request, "/");
  expect(home.map((d) => d["@type"]).sort()).toEqual(["NewsMediaOrganization", "WebSite"]);
  await expectUrlsAnswer(request, home, baseURL!);

  const author = await jsonLd(request, site.author);
  const profile = author.find((d) => d["@type"] === "ProfilePage")!;
  expect((profile.mainEntity as { "@type": string; name: string })["@type"]).toBe("Person");
  await expectUrlsAnswer(request, author, baseURL!);
});

test("share metadata on every page kind: site name, locale, a card image that answers, real alt text", async ({ request }) => {
  const site = await discover(request);
  const kinds = pageKinds(site);
  for (const kind of ["home", "article", "section", "tag", "author", "search", "support"] as const) {
    const html = await (await request.get(kinds[kind])).text();
    const meta = (property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html)?.[1];
    expect(meta("og:site_name"), kind).toBe("Masthead");
    expect(meta("og:locale"), kind).toBe("en_GB");
    expect(meta("og:title"), kind).toBeTruthy();
    expect(meta("og:description"), kind).toBeTruthy();
    expect(new URL(meta("og:url")!).pathname, kind).toBe(kinds[kind].split("?")[0]);
    expect(meta("twitter:card"), kind).toBe("summary_large_image");
    const alt = meta("og:image:alt") ?? "";
    expect(alt.length, `${kind}: og:image:alt`).toBeGreaterThan(30);
    expect(alt, kind).not.toMatch(/^article headline$/i);
    expect(meta("twitter:image:alt"), kind).toBe(alt);
    await expectRasterImage(request, new URL(meta("og:image")!).pathname, { width: Number(meta("og:image:width")), height: Number(meta("og:image:height")) });
  }
});

test("no page preloads an image it does not show", async ({ request }) => {
  const site = await discover(request);
  for (const [kind, url] of Object.entries(pageKinds(site))) {
    const html = await (await request.get(url)).text();
    const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)" as="image"/g)].map((m) => m[1]!);
    for (const href of preloads) expect(html, `${kind}: preloads ${href}`).toMatch(new RegExp(`<img [^>]*src="${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`));
  }
});

test("a reading page fetches at most about 50 KB of other pages before the reader shows intent", async ({ request, baseURL }) => {
  test.setTimeout(90_000);
  const site = await discover(request);
  for (const url of ["/", site.article, site.section]) {
    const t = await measureTransfer(`${baseURL}${url}`);
    expect(t.prefetch, `${url}: ${t.prefetchRequests} prefetches`).toBeLessThanOrEqual(50 * 1024);
  }
});

test("a link still prefetches its page once the reader points at it", async ({ page, request }) => {
  const site = await discover(request);
  await page.goto(site.article);
  await page.waitForLoadState("networkidle");
  const link = page.getByRole("complementary", { name: "Read more" }).getByRole("heading").getByRole("link").first();
  const target = await link.getAttribute("href");
  const prefetched = page.waitForRequest((r) => r.headers()["next-router-prefetch"] !== undefined && new URL(r.url()).pathname === target, { timeout: 10_000 });
  await link.hover();
  await prefetched;
});

test("Google's CSP Evaluator finds nothing of high severity beyond the one known trade-off", async ({ request }) => {
  const site = await discover(request);
  const emulator = /^https?:\/\/(127\.0\.0\.1|localhost):\d+$/; // the local Stripe emulator's form target, test runs only
  const report: string[] = [];
  for (const [kind, url] of Object.entries(pageKinds(site))) {
    const csp = (await request.get(url)).headers()["content-security-policy"];
    expect(csp, kind).toBeTruthy();
    const nonced = NONCE_PATHS.some((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
    const findings = new CspEvaluator(new CspParser(csp!).csp).evaluate().filter((f) => !emulator.test(f.value ?? ""));
    for (const f of findings) {
      if (f.severity > Severity.HIGH_MAYBE) continue;
      // Prerendered pages are one cached copy for every reader, so Next's inline bootstrap scripts cannot
      // carry a per-response nonce: 'unsafe-inline' there, and a nonce with 'strict-dynamic' on the dynamic pages.
      if (!nonced && f.type === Type.SCRIPT_UNSAFE_INLINE) continue;
      report.push(`${kind} (${url}): ${Severity[f.severity]} ${f.directive} ${f.value ?? ""}: ${f.description}`);
    }
  }
  expect(report).toEqual([]);
});

test("listing feeds and cards of unknown subjects are 404s, not empty feeds", async ({ request }) => {
  for (const kind of ["sections", "tags", "authors"] as ListingKind[]) {
    for (const format of FEED_FORMATS) expect((await request.get(feedPath(listingPath(kind, "no-such-thing"), format))).status()).toBe(404);
    expect((await request.get(`${listingPath(kind, "no-such-thing")}/feed.txt`)).status()).toBe(404);
    expect((await request.get(`${listingPath(kind, "no-such-thing")}/share-image.png`)).status()).toBe(404);
  }
});

test("the Nu HTML Checker finds no error on the signed-in staff pages", async ({ browser }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("vnu-staff");
  const password = "correct horse battery staple";
  expect((await runCli("scripts/staff.ts", ["add", email, "--name", "Validator", "--role", "owner"], { input: `${password}\n${password}\n` })).code).toBe(0);
  // A client address of its own, so the sign-in throttle of other specs is not shared.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "192.0.2.251" } });
  const page = await context.newPage();
  await page.goto("/admin/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/admin$/);
  const docs: { label: string; body: Buffer }[] = [];
  for (const url of ["/admin", "/admin/gifts", "/admin/supporters", "/admin/account", "/admin/audit", "/admin/no-such-page"]) {
    const res = await page.request.get(url);
    expect([200, 404], url).toContain(res.status());
    docs.push({ label: `staff ${url}`, body: await res.body() });
  }
  expect(nuCheck(docs).errors).toEqual([]);
  await context.close();
});
