import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import type { Article } from "@/db/articles";
import { absoluteUrls, feedImage, renderFeed, renderNewsSitemap, renderSitemap, type FeedChannel } from "./feeds";

const article: Article = {
  id: 1,
  slug: "tariffs-rise",
  headline: 'Tariffs rise <again> & "again"',
  dek: "Water costs more.",
  publishedAt: "2026-11-27T06:30:00.000Z",
  updatedAt: "2026-11-27T09:00:00.000Z",
  section: { slug: "economy", name: "Economy" },
  authors: [{ slug: "ana", name: "Ana Berg" }],
  hero: { src: "/images/articles/tariffs.svg", alt: "A tap", width: 1600, height: 900 },
  bodyHtml: '<p>First <a href="/articles/other">link</a>.</p><figure><img src="/images/chart.svg" alt="Chart"></figure>',
  wordCount: 3,
  heroCaption: "A tap in Karsk.",
  heroCredit: "Illustration: Masthead",
  tags: [{ slug: "water", name: "Water" }],
};
const channel: FeedChannel = { title: "M: Economy", description: "d", siteUrl: "https://m.example", pagePath: "/sections/economy", language: "en", siteName: "M" };

describe("renderFeed", () => {
  for (const format of ["rss", "atom"] as const) {
    it(`${format}: full content with absolute links, the share card as the image, the page as the channel link`, () => {
      const { body, contentType } = renderFeed(format, channel, [article]);
      expect(contentType).toContain(format === "rss" ? "application/rss+xml" : "application/atom+xml");
      const feed = parseFeed(body);
      expect(feed.url).toBe("https://m.example/sections/economy");
      const [item] = feed.items;
      expect(item!.title).toBe(article.headline);
      expect(item!.url).toBe("https://m.example/articles/tariffs-rise");
      expect(item!.content).toContain('href="https://m.example/articles/other"');
      expect(item!.content).toContain('src="https://m.example/images/chart.svg"');
      expect(item!.media.map((m) => [m.url, m.mimeType])).toContainEqual(["https://m.example/articles/tariffs-rise/share-image.png", "image/png"]);
      expect(item!.authors.map((a) => a.name).join(", ")).toContain("Ana Berg");
      expect(new Date(item!.published!).toISOString()).toBe(article.publishedAt);
    });
  }

  it("json: JSON Feed 1.1 with authors, language and full content", () => {
    const feed = JSON.parse(renderFeed("json", channel, [article]).body);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.home_page_url).toBe("https://m.example/sections/economy");
    expect(feed.feed_url).toBe("https://m.example/sections/economy/feed.json");
    expect(feed.language).toBe("en");
    expect(feed.author).toBeUndefined();
    expect(feed.items[0].authors).toEqual([{ name: "Ana Berg", url: "https://m.example/authors/ana" }]);
    expect(feed.items[0].author).toBeUndefined();
    expect(feed.items[0].content_html).toContain("https://m.example/images/chart.svg");
    expect(feed.items[0].image).toBe("https://m.example/articles/tariffs-rise/share-image.png");
  });

  it("an empty feed is still a feed", () => {
    expect(parseFeed(renderFeed("atom", channel, []).body).items).toEqual([]);
  });
});

describe("the item's image and content", () => {
  it("leads with the hero, its caption and credit, as the page does", () => {
    const { body } = renderFeed("atom", channel, [article]);
    const item = parseFeed(body).items[0]!;
    expect(item.content).toMatch(/^<figure><img src="https:\/\/m\.example\/images\/articles\/tariffs\.svg" alt="A tap"[^>]*><figcaption>A tap in Karsk\. Illustration: Masthead<\/figcaption><\/figure>/);
  });

  it("is the hero when it is a raster image, else the generated share card", () => {
    expect(feedImage(article, "https://m.example")).toEqual({ url: "https://m.example/articles/tariffs-rise/share-image.png", type: "image/png" });
    const photo = { ...article, hero: { ...article.hero!, src: "/images/articles/tariffs.JPG" } };
    expect(feedImage(photo, "https://m.example")).toEqual({ url: "https://m.example/images/articles/tariffs.JPG", type: "image/jpeg" });
    const rss = renderFeed("rss", channel, [photo]).body;
    expect(rss).toContain('<enclosure length="0" type="image/jpeg" url="https://m.example/images/articles/tariffs.JPG"/>');
    expect(renderFeed("atom", channel, [photo]).body).toContain('<link rel="enclosure" href="https://m.example/images/articles/tariffs.JPG" type="image/jpeg"/>');
  });
});

describe("absoluteUrls", () => {
  it("leaves absolute and protocol-relative URLs alone", () => {
    expect(absoluteUrls('<a href="https://x.example/a">a</a><img src="//cdn/x">', "https://m.example")).toBe('<a href="https://x.example/a">a</a><img src="//cdn/x">');
  });
});

/** xmllint (libxml2-utils) against the official schemas committed in e2e/validators/. */
function validate(xml: string, schema: "sitemap.xsd" | "news-sitemap.xsd"): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "sitemap-")), "sitemap.xml");
  writeFileSync(file, xml);
  const run = spawnSync("xmllint", ["--noout", "--schema", path.resolve("e2e/validators", schema), file], { encoding: "utf8" });
  if (run.error) throw run.error;
  return run.status === 0 ? "valid" : run.stderr;
}

describe("sitemaps, against the official schemas", () => {
  const news = [{ url: "https://m.example/articles/a", title: "A & B <c>", publishedAt: "2026-11-27T06:30:00.000Z" }];

  it("a news sitemap lists each article with its publication date, escaped", () => {
    const xml = renderNewsSitemap("M", "en", news, "https://m.example/");
    expect(xml).toContain("<loc>https://m.example/articles/a</loc>");
    expect(xml).toContain("<news:title>A &amp; B &lt;c&gt;</news:title>");
    expect(xml).toContain("<news:publication_date>2026-11-27T06:30:00.000Z</news:publication_date>");
    expect(validate(xml, "news-sitemap.xsd")).toBe("valid");
  });

  it("a day with nothing new is still a valid news sitemap: the front page alone, offered as no news", () => {
    const xml = renderNewsSitemap("M", "en", [], "https://m.example/");
    expect(xml).not.toContain("<news:news>");
    expect(validate(xml, "news-sitemap.xsd")).toBe("valid");
  });

  it("the schema is strict enough to fail: an empty <urlset> and a bad date are refused", () => {
    expect(validate(renderSitemap([]), "sitemap.xsd")).toContain("Missing child element");
    expect(validate(renderNewsSitemap("M", "en", news, "https://m.example/").replace("2026-11-27T06:30:00.000Z", "yesterday"), "news-sitemap.xsd")).not.toBe("valid");
  });

  it("the site map with dates is valid", () => {
    expect(validate(renderSitemap([{ url: "https://m.example/" }, { url: "https://m.example/articles/a", lastModified: "2026-11-27T06:30:00.000Z" }]), "sitemap.xsd")).toBe("valid");
  });
});
