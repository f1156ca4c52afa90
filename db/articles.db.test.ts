import { beforeAll, describe, expect, it } from "vitest";
import {
  getArticleBySlug,
  listArticlesByAuthor,
  listArticlesBySection,
  listArticlesByTag,
  listArticlesPublishedSince,
  listLatestArticles,
  listRelatedArticles,
  searchArticles,
} from "./articles";
import { getAuthorBySlug, getSectionBySlug, getTagBySlug } from "./taxonomy";
import { dailyArticles, seedArticles, seedTaxonomy } from "./testing/fixtures";

beforeAll(async () => {
  await seedTaxonomy();
  await seedArticles([
    ...dailyArticles(25),
    { slug: "draft-one", status: "draft", publishedAt: "2026-11-28T00:00:00Z" },
    {
      slug: "water-tariffs",
      headline: "Water tariffs double in the capital",
      dek: "Households face the steepest rise in a decade.",
      section: "economy",
      authors: ["bo", "ana"],
      tags: ["water", "budget"],
      body: "The council voted on Tuesday. Residents said the water bill is now their largest expense.",
      publishedAt: "2026-11-20T09:00:00Z",
    },
    {
      slug: "budget-vote",
      headline: "Council budget vote delayed",
      section: "politics",
      authors: ["cy"],
      tags: ["budget"],
      body: "The vote was delayed again. Water came up only once, at the very end of the session <script>.",
      publishedAt: "2026-11-19T09:00:00Z",
    },
    {
      slug: "river-festival",
      headline: "A festival on the river",
      section: "culture",
      authors: ["cy"],
      tags: ["water"],
      body: "Boats, music and lanterns.",
      publishedAt: "2026-10-01T09:00:00Z",
    },
    { slug: "gallery-opens", headline: "A gallery opens", section: "culture", authors: ["cy"], publishedAt: "2026-09-01T09:00:00Z" },
  ]);
});

describe("listLatestArticles", () => {
  it("lists published articles newest first, without drafts, in pages", async () => {
    const first = await listLatestArticles({ page: 1, pageSize: 10 });
    expect(first.total).toBe(29);
    expect(first.pageCount).toBe(3);
    expect(first.items).toHaveLength(10);
    expect(first.items[0]?.slug).toBe("article-1");
    expect(first.items.map((a) => a.slug)).not.toContain("draft-one");
    const dates = first.items.map((a) => a.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);

    const third = await listLatestArticles({ page: 3, pageSize: 10 });
    expect(third.items).toHaveLength(9);
    const all = [...first.items, ...(await listLatestArticles({ page: 2, pageSize: 10 })).items, ...third.items].map((a) => a.slug);
    expect(new Set(all).size).toBe(29);
  });
});

describe("getArticleBySlug", () => {
  it("returns the article with authors in byline order and its tags", async () => {
    const a = await getArticleBySlug("water-tariffs");
    expect(a?.headline).toBe("Water tariffs double in the capital");
    expect(a?.authors.map((x) => x.slug)).toEqual(["bo", "ana"]);
    expect(a?.tags.map((t) => t.slug).sort()).toEqual(["budget", "water"]);
    expect(a?.section).toEqual({ slug: "economy", name: "Economy" });
    expect(a?.bodyHtml).toContain("<p>The council voted on Tuesday.");
  });

  it("hides drafts and unknown slugs", async () => {
    expect(await getArticleBySlug("draft-one")).toBeNull();
    expect(await getArticleBySlug("no-such-article")).toBeNull();
  });
});

describe("listRelatedArticles", () => {
  it("finds articles sharing a tag or the section, newest first, never the article itself", async () => {
    const a = (await getArticleBySlug("water-tariffs"))!;
    const related = await listRelatedArticles(a.id, 10);
    const slugs = related.map((r) => r.slug);
    expect(slugs).toEqual(["budget-vote", "river-festival"]);
    expect(slugs).not.toContain("water-tariffs");
    expect(slugs).not.toContain("gallery-opens");
  });
});

describe("listings", () => {
  it("lists a section, a tag and an author", async () => {
    const culture = (await getSectionBySlug("culture"))!;
    expect((await listArticlesBySection(culture.id, { page: 1, pageSize: 10 })).items.map((a) => a.slug)).toEqual(["river-festival", "gallery-opens"]);
    const water = (await getTagBySlug("water"))!;
    expect((await listArticlesByTag(water.id, { page: 1, pageSize: 10 })).items.map((a) => a.slug)).toEqual(["water-tariffs", "river-festival"]);
    const bo = (await getAuthorBySlug("bo"))!;
    const byBo = await listArticlesByAuthor(bo.id, { page: 1, pageSize: 10 });
    expect(byBo.total).toBe(1);
    expect(byBo.items[0]?.authors.map((x) => x.name)).toEqual(["Bo Reyes", "Ana Lind"]);
  });

  it("lists what was published since a moment, for the news sitemap", async () => {
    const recent = await listArticlesPublishedSince(new Date("2026-11-25T12:00:00Z"));
    expect(recent.map((a) => a.slug)).toEqual(["article-1", "article-2"]);
  });
});

describe("searchArticles", () => {
  it("ranks a headline match above a body-only match and highlights the words", async () => {
    const result = await searchArticles("water", { page: 1, pageSize: 10 });
    expect(result.items.map((h) => h.slug)).toEqual(["water-tariffs", "budget-vote"]);
    expect(result.items[0]!.rank).toBeGreaterThan(result.items[1]!.rank);
    expect(result.items[0]?.snippet).toContain("<mark>water</mark>");
  });

  it("escapes article text in snippets", async () => {
    const result = await searchArticles("delayed", { page: 1, pageSize: 10 });
    expect(result.items[0]?.snippet).not.toContain("<script>");
  });

  it("understands phrases, exclusions and OR", async () => {
    expect((await searchArticles('"budget vote"', { page: 1, pageSize: 10 })).items.map((h) => h.slug)).toEqual(["budget-vote"]);
    expect((await searchArticles("water -tariffs", { page: 1, pageSize: 10 })).items.map((h) => h.slug)).toEqual(["budget-vote"]);
    expect((await searchArticles("lanterns OR gallery", { page: 1, pageSize: 10 })).total).toBe(2);
  });

  it.each(["'; drop table articles; --", "water & | ! ( ) : * <->", "!!!", "\\", "a".repeat(500), "   ", "\u0000"])(
    "answers the query %j without an error",
    async (q) => {
      const result = await searchArticles(q, { page: 1, pageSize: 10 });
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect((await listLatestArticles({ page: 1, pageSize: 1 })).total).toBe(29);
    },
  );
});
