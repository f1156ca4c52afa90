import { unstable_cache } from "next/cache";
import { cache } from "react";
import * as articles from "@/db/articles";
import * as donations from "@/db/donations";
import * as taxonomy from "@/db/taxonomy";
import { slugSchema } from "@/lib/content/front-matter";
import { env } from "@/lib/env";
import type { Currency } from "@/lib/money";

/**
 * Cached, tagged reads for pages. Every list carries the `articles` tag and each article its own
 * `article:<slug>` tag, so the revalidation route refreshes exactly what an import changed.
 * React `cache()` lets generateMetadata and the page share one call per request.
 */
export const TAG_ARTICLES = "articles";
export const articleTag = (slug: string) => `article:${slug}`;

// Data is invalidated by tag when content changes, so it may live long; how long each page lives in
// HTTP caches is set by its route's `revalidate` (articles a day, fronts a minute).
const listed = { tags: [TAG_ARTICLES], revalidate: 86400 };

export const isSlug = (value: string) => slugSchema.safeParse(value).success;

/** Carries a value past unstable_cache, which never stores a throw. */
class Uncached<T> {
  constructor(readonly value: T) {}
}

type CacheOptions = { tags: string[]; revalidate: number };

/**
 * Every read goes through here: Next's data cache, by key and tags. Answers to addresses anyone can
 * make up (an unknown slug, a page past the last) are returned but not stored (`uncacheable`), so
 * strangers leave no entries in the data cache on disk.
 */
function cachedRead<T>(keyParts: string[], options: CacheOptions, read: () => Promise<T>, uncacheable: (value: T) => boolean = () => false): Promise<T> {
  const cached = unstable_cache(
    async () => {
      const value = await read();
      if (uncacheable(value)) throw new Uncached(value);
      return value;
    },
    keyParts,
    options,
  );
  return cached().catch((error: unknown) => {
    if (error instanceof Uncached) return error.value as T;
    throw error;
  });
}

const isMissing = (value: unknown) => value === null;
const pastTheEnd = (page: number) => (listing: { pageCount: number }) => page > 1 && page > listing.pageCount;
/** A lookup by slug: a malformed one is answered without a query, an unknown one is not stored. */
const bySlug = <T>(kind: string, slug: string, options: CacheOptions, read: () => Promise<T | null>) =>
  isSlug(slug) ? cachedRead([kind, slug], options, read, isMissing) : Promise.resolve(null);

// React cache(): one call per request however many components (and generateMetadata) ask.
export const getArticle = cache((slug: string) => bySlug("article", slug, { tags: [TAG_ARTICLES, articleTag(slug)], revalidate: 86400 }, () => articles.getArticleBySlug(slug)));
export const getSection = cache((slug: string) => bySlug("section", slug, listed, () => taxonomy.getSectionBySlug(slug)));
export const getAuthor = cache((slug: string) => bySlug("author", slug, listed, () => taxonomy.getAuthorBySlug(slug)));
export const getTag = cache((slug: string) => bySlug("tag", slug, listed, () => taxonomy.getTagBySlug(slug)));

export const listRelated = cache((articleId: number) => cachedRead(["related", String(articleId)], listed, () => articles.listRelatedArticles(articleId, 4)));
export const listLatest = cache((page: number = 1, pageSize: number = env.PAGE_SIZE) =>
  cachedRead(["latest", String(page), String(pageSize)], listed, () => articles.listLatestArticles({ page, pageSize })),
);
export const listBySection = cache((sectionId: number, page: number, pageSize: number = env.PAGE_SIZE) =>
  cachedRead(["by-section", String(sectionId), String(page), String(pageSize)], listed, () => articles.listArticlesBySection(sectionId, { page, pageSize }), pastTheEnd(page)),
);
export const listByTag = cache((tagId: number, page: number, pageSize: number = env.PAGE_SIZE) =>
  cachedRead(["by-tag", String(tagId), String(page), String(pageSize)], listed, () => articles.listArticlesByTag(tagId, { page, pageSize }), pastTheEnd(page)),
);
export const listByAuthor = cache((authorId: number, page: number, pageSize: number = env.PAGE_SIZE) =>
  cachedRead(["by-author", String(authorId), String(page), String(pageSize)], listed, () => articles.listArticlesByAuthor(authorId, { page, pageSize }), pastTheEnd(page)),
);

export const listSections = cache(() => cachedRead(["sections"], listed, () => taxonomy.listSections()));
export const listTagsInUse = cache(() => cachedRead(["tags-in-use"], listed, () => taxonomy.listTagsInUse()));
export const listAuthors = cache(() => cachedRead(["authors"], listed, () => taxonomy.listAuthors()));
export const listSlugs = cache((limit?: number) => cachedRead(["slugs", String(limit ?? "all")], listed, () => articles.listArticleSlugs(limit)));
/** Keyed by the hour: the news sitemap asks with a moving `since`. */
export const listPublishedSince = (since: Date) => cachedRead(["since", since.toISOString().slice(0, 13)], listed, () => articles.listArticlesPublishedSince(since));

/** This month's gifts (UTC) against what the site costs a month: the banner's progress bar. Refreshed every 5 minutes. */
export async function getMonthlyProgress(): Promise<{ raised: number; goal: number; currency: Currency; gifts: number }> {
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const progress = await cachedRead(["monthly-progress", monthStart.toISOString(), env.SUPPORT_CURRENCY], { tags: ["ledger"], revalidate: 300 }, () =>
    donations.sumGiftsSince(monthStart, env.SUPPORT_CURRENCY),
  );
  return { ...progress, goal: env.SUPPORT_MONTHLY_COST, currency: env.SUPPORT_CURRENCY };
}
