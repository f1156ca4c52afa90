import { parseFeed } from "@rowanmanning/feed-parser";
import { describe, expect, it } from "vitest";
import type { Article } from "@/db/articles";
import { absoluteUrls, renderFeed, renderNewsSitemap, renderSitemap, type FeedChannel } from "./feeds";

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
  heroCaption: null,
  heroCredit: null,
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

describe("absoluteUrls", () => {
  it("leaves absolute and protocol-relative URLs alone", () => {
    expect(absoluteUrls('<a href="https://x.example/a">a</a><img src="//cdn/x">', "https://m.example")).toBe('<a href="https://x.example/a">a</a><img src="//cdn/x">');
  });
});

describe("sitemaps", () => {
  it("lists each article with its publication date, escaped", () => {
    const xml = renderNewsSitemap("M", "en", [{ url: "https://m.example/articles/a", title: "A & B", publishedAt: "2026-11-27T06:30:00.000Z" }]);
    expect(xml).toContain("<loc>https://m.example/articles/a</loc>");
    expect(xml).toContain("<news:title>A &amp; B</news:title>");
    expect(xml).toContain("<news:publication_date>2026-11-27T06:30:00.000Z</news:publication_date>");
  });

  it("an empty sitemap is an empty <urlset>", () => {
    expect(renderSitemap([])).toMatch(/<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">\s*<\/urlset>/);
  });
});
