import { describe, expect, it } from "vitest";
import type { ArticleCard } from "@/db/articles";
import { renderNewsSitemap, renderRss } from "./feeds";

const card: ArticleCard = {
  id: 1,
  slug: "tariffs-rise",
  headline: 'Tariffs rise <again> & "again"',
  dek: "Water costs more.",
  publishedAt: "2026-11-27T06:30:00.000Z",
  updatedAt: null,
  section: { slug: "economy", name: "Economy" },
  authors: [{ slug: "a", name: "Ana" }],
  hero: null,
};

describe("renderRss", () => {
  it("escapes text and links every item to its canonical URL", () => {
    const xml = renderRss({ title: "M", description: "d", siteUrl: "https://m.example", feedUrl: "https://m.example/feed.xml" }, [card]);
    expect(xml).toContain("<title>Tariffs rise &lt;again&gt; &amp; &quot;again&quot;</title>");
    expect(xml).toContain('<guid isPermaLink="true">https://m.example/articles/tariffs-rise</guid>');
    expect(xml).toContain("<pubDate>Fri, 27 Nov 2026 06:30:00 GMT</pubDate>");
    expect(xml).toContain('<atom:link href="https://m.example/feed.xml" rel="self"');
  });
});

describe("renderNewsSitemap", () => {
  it("lists each article with its publication date", () => {
    const xml = renderNewsSitemap("M", [{ url: "https://m.example/articles/a", title: "A & B", publishedAt: "2026-11-27T06:30:00.000Z" }]);
    expect(xml).toContain("<loc>https://m.example/articles/a</loc>");
    expect(xml).toContain("<news:title>A &amp; B</news:title>");
    expect(xml).toContain("<news:publication_date>2026-11-27T06:30:00.000Z</news:publication_date>");
  });
});
