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

/**
 * unstable_cache, except for answers to addresses anyone can make up (an unknown slug, a page past
 * the last): those are returned but not stored, so strangers leave no entries in the data cache on disk.
 */
function cachedUnless<T>(read: () => Promise<T>, uncacheable: (value: T) => boolean, keyParts: string[], options: { tags: string[]; revalidate: number }): Promise<T> {
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

const cachedLookup = <T>(read: () => Promise<T | null>, keyParts: string[], options: { tags: string[]; revalidate: number }) =>
  cachedUnless(read, (value) => value === null, keyParts, options);
const pastTheEnd = (page: number) => (listing: { pageCount: number }) => page > 1 && page > listing.pageCount;

export const getArticle = cache((slug: string) =>
  isSlug(slug) ? cachedLookup(() => articles.getArticleBySlug(slug), ["article", slug], { tags: [TAG_ARTICLES, articleTag(slug)], revalidate: 86400 }) : Promise.resolve(null),
);

export const listRelated = (articleId: number) =>
  unstable_cache(() => articles.listRelatedArticles(articleId, 4), ["related", String(articleId)], listed)();

export const listLatest = (page = 1, pageSize = env.PAGE_SIZE) =>
  unstable_cache(() => articles.listLatestArticles({ page, pageSize }), ["latest", String(page), String(pageSize)], listed)();

export const listSections = cache(unstable_cache(() => taxonomy.listSections(), ["sections"], listed));

export const getSection = cache((slug: string) =>
  isSlug(slug) ? cachedLookup(() => taxonomy.getSectionBySlug(slug), ["section", slug], listed) : Promise.resolve(null),
);
export const getAuthor = cache((slug: string) =>
  isSlug(slug) ? cachedLookup(() => taxonomy.getAuthorBySlug(slug), ["author", slug], listed) : Promise.resolve(null),
);
export const getTag = cache((slug: string) =>
  isSlug(slug) ? cachedLookup(() => taxonomy.getTagBySlug(slug), ["tag", slug], listed) : Promise.resolve(null),
);

export const listBySection = (sectionId: number, page: number, pageSize = env.PAGE_SIZE) =>
  cachedUnless(() => articles.listArticlesBySection(sectionId, { page, pageSize }), pastTheEnd(page), ["by-section", String(sectionId), String(page), String(pageSize)], listed);
export const listByTag = (tagId: number, page: number, pageSize = env.PAGE_SIZE) =>
  cachedUnless(() => articles.listArticlesByTag(tagId, { page, pageSize }), pastTheEnd(page), ["by-tag", String(tagId), String(page), String(pageSize)], listed);
export const listByAuthor = (authorId: number, page: number, pageSize = env.PAGE_SIZE) =>
  cachedUnless(() => articles.listArticlesByAuthor(authorId, { page, pageSize }), pastTheEnd(page), ["by-author", String(authorId), String(page), String(pageSize)], listed);

export const listSlugs = (limit?: number) =>
  unstable_cache(() => articles.listArticleSlugs(limit), ["slugs", String(limit ?? "all")], listed)();
export const listTagsInUse = unstable_cache(() => taxonomy.listTagsInUse(), ["tags-in-use"], listed);
export const listAuthors = unstable_cache(() => taxonomy.listAuthors(), ["authors"], listed);
export const listPublishedSince = (since: Date) =>
  unstable_cache(() => articles.listArticlesPublishedSince(since), ["since", since.toISOString().slice(0, 13)], listed)();

/** This month's gifts (UTC) against what the site costs a month: the banner's progress bar. Refreshed every 5 minutes. */
export async function getMonthlyProgress(): Promise<{ raised: number; goal: number; currency: Currency; gifts: number }> {
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const progress = await unstable_cache(() => donations.sumGiftsSince(monthStart, env.SUPPORT_CURRENCY), ["monthly-progress", monthStart.toISOString(), env.SUPPORT_CURRENCY], {
    tags: ["ledger"],
    revalidate: 300,
  })();
  return { ...progress, goal: env.SUPPORT_MONTHLY_COST, currency: env.SUPPORT_CURRENCY };
}
