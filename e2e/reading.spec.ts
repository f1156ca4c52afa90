import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./helpers";

test("a reader goes from the home page to an article, its author, a tag and search", async ({ page }) => {
  await page.goto("/");
  const lead = page.getByRole("region", { name: "Lead story" });
  const leadLink = lead.getByRole("heading").getByRole("link");
  const headline = (await leadLink.textContent())!.trim();
  await leadLink.click();

  await expect(page).toHaveURL(/\/articles\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
  const article = page.locator("article").first();
  await expect(article.locator("header a.kicker")).toBeVisible();
  const hero = article.locator("figure").first();
  await expect(hero.locator("img")).toHaveAttribute("alt", /\S/);
  await expect(hero.locator("figcaption")).toContainText(/\S/);
  await expect(hero.locator("figcaption")).toContainText(/Illustration|Photo|Credit|Masthead/i);
  await expect(article.locator("time").first()).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  await expect(page.getByText(/ad-free and reader-funded/)).toBeVisible();
  // The banner's progress comes from the ledger after the (long-cached) page has loaded.
  await expect(page.getByRole("progressbar", { name: "Gifts this month" })).toHaveAttribute("aria-valuetext", /of €42,000 this month/);

  // Related links all lead to real articles, never to this one.
  const here = new URL(page.url()).pathname;
  const related = page.getByRole("complementary", { name: "Read more" }).getByRole("heading").getByRole("link");
  const hrefs = await related.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs).not.toContain(here);
  for (const href of hrefs) expect((await page.request.get(href!)).status()).toBe(200);

  // Author page lists this article.
  const authorLink = article.locator('a[rel="author"]').first();
  const author = (await authorLink.textContent())!.trim();
  await authorLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(author);
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
  await page.goBack();

  // Tag page lists it too.
  const tagLink = page.getByRole("list", { name: "Tags" }).getByRole("link").first();
  const tag = (await tagLink.textContent())!.trim();
  await tagLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tag);
  await expect(page.getByRole("link", { name: headline })).toBeVisible();

  // Search finds it by its headline words.
  await page.getByRole("searchbox", { name: "Search articles" }).first().fill(headline.split(" ").slice(0, 4).join(" "));
  await page.getByRole("searchbox", { name: "Search articles" }).first().press("Enter");
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
  await expect(page.locator("mark").first()).toBeVisible();
});

test("unknown slugs answer a real 404 page", async ({ page }) => {
  for (const path of ["/articles/no-such-story", "/articles/Not%20A%20Slug", "/sections/no-such-section", "/authors/nobody-here", "/tags/no-such-tag", "/sections/politics/page/999", "/sections/politics/page/zero", "/no/such/page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
});

test("search explains an empty query and survives hostile ones", async ({ page }) => {
  await page.goto("/search");
  await expect(page.getByText("Type a few words to search")).toBeVisible();
  for (const q of ["'; drop table articles; --", "!!! & | ( :*", "zzzxqvvv"]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByText(/No articles match|articles? match/)).toBeVisible();
  }
});

test("section pages paginate with stable URLs and rel links", async ({ page }) => {
  await page.goto("/");
  const sectionHref = await page.getByRole("navigation", { name: "Sections" }).getByRole("link").nth(1).getAttribute("href");
  await page.goto(sectionHref!);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${sectionHref}$`));
  const next = page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: /Older/ });
  if ((await next.count()) > 0) {
    await next.click();
    await expect(page).toHaveURL(new RegExp(`${sectionHref}/page/2$`));
    await expect(page.locator('link[rel="prev"]')).toHaveAttribute("href", sectionHref!);
  }
  expect((await page.request.get(`${sectionHref}/page/1`, { maxRedirects: 0 })).status()).toBe(308);
});

test("articles carry canonical, OpenGraph, Twitter and NewsArticle metadata", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link").click();
  await page.waitForURL(/\/articles\//);
  const path = new URL(page.url()).pathname;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`${path}$`));
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  const image = await request.get(new URL(ogImage!).pathname);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  const graph = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)["@graph"] as { "@type": string }[];
  const ld = graph.find((d) => d["@type"] === "NewsArticle") as unknown as { "@type": string; headline: string; author: unknown[] };
  expect(ld["@type"]).toBe("NewsArticle");
  expect(graph.map((d) => d["@type"])).toContain("BreadcrumbList");
  expect(ld.headline).toBe(await page.getByRole("heading", { level: 1 }).textContent());
  expect(ld.author.length).toBeGreaterThan(0);
});

test("feeds, sitemaps and robots.txt", async ({ request }) => {
  const feed = await request.get("/feed.xml");
  expect(feed.headers()["content-type"]).toContain("application/rss+xml");
  const feedText = await feed.text();
  expect(feedText.match(/<item>/g)!.length).toBeGreaterThanOrEqual(20);
  const firstLink = /<item>[\s\S]*?<link>([^<]+)<\/link>/.exec(feedText)![1]!;
  expect((await request.get(new URL(firstLink).pathname)).status()).toBe(200);

  const sectionFeed = await request.get("/sections/politics/feed.xml");
  expect(sectionFeed.status()).toBe(200);
  expect(await sectionFeed.text()).toContain("<item>");

  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/articles/");
  expect(sitemap).toContain("/sections/");
  // The news sitemap lists what was published in the last 48 hours: the feed's items of that window,
  // whatever day the suite runs on (the sample content is dated November 2026).
  const news = await (await request.get("/news-sitemap.xml")).text();
  const items = [...feedText.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>[\s\S]*?<pubDate>([^<]+)<\/pubDate>/g)];
  const recent = items.filter((m) => Date.now() - Date.parse(m[2]!) < 48 * 3600 * 1000).map((m) => m[1]!);
  expect(news).toContain("<urlset");
  expect(news.match(/<news:news>/g)?.length ?? 0).toBe(recent.length);
  for (const link of recent) expect(news).toContain(`<loc>${link}</loc>`);
  // A day with nothing new: the front page alone (the schema wants one <url>), offered as no news.
  if (recent.length === 0) expect([...news.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)).toEqual(["/"]);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/Sitemap: .*\/sitemap\.xml/);
});

test("the article page is complete without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.locator("article p").count()).toBeGreaterThan(5);
  await expect(page.locator("article figure figcaption").first()).toBeVisible();
  await page.getByRole("searchbox", { name: "Search articles" }).first().fill("council");
  await page.getByRole("searchbox", { name: "Search articles" }).first().press("Enter");
  await expect(page).toHaveURL(/\/search\?q=council/);
  await context.close();
});

test("pages make no third-party requests", async ({ page }) => {
  const foreign: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && url.protocol !== "data:") foreign.push(r.url());
  });
  await page.goto("/");
  await page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link").click();
  await page.waitForLoadState("networkidle");
  expect(foreign).toEqual([]);
});

test("home and article pages pass an axe scan (no serious or critical issues)", async ({ page }) => {
  await page.goto("/");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link").click();
  await expectNoSeriousA11yViolations(page);
});

test("the layout holds on a 320px phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link").click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
