import type { Article } from "@/db/articles";
import { env } from "@/lib/env";
import { conditionalResponse } from "@/lib/site/conditional-get";
import { renderFeed } from "@/lib/site/feeds";
import { SITE_LANGUAGE } from "@/lib/site/identity";
import { feedFormatOf, homePath, listingPath, type ListingKind } from "@/lib/site/paths";
import { findListingSubject, listListing } from "./listing";
import { getArticle, listLatest } from "./queries";

const FEED_ITEMS = 20;

export type FeedTarget = { kind: "site" } | { kind: ListingKind; slug: string };

const notFound = () => new Response("No such feed.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

async function fullArticles(slugs: string[]): Promise<Article[]> {
  const articles = await Promise.all(slugs.map((slug) => getArticle(slug)));
  return articles.filter((a): a is Article => a !== null);
}

/**
 * Any feed (site, section, tag, author) in any format, rendered from cached, tagged reads on each
 * request so that it can answer a conditional GET with 304 (a cached route handler never sees the request).
 */
export async function feedResponse(request: Request, file: string, target: FeedTarget): Promise<Response> {
  const format = feedFormatOf(file);
  if (!format) return notFound();
  let title = `${env.SITE_NAME}: latest`;
  let description = env.SITE_DESCRIPTION;
  let pagePath = homePath;
  let slugs: string[];
  if (target.kind === "site") {
    slugs = (await listLatest(1, FEED_ITEMS)).items.map((a) => a.slug);
  } else {
    const subject = await findListingSubject(target.kind, target.slug);
    if (!subject) return notFound();
    title = `${env.SITE_NAME}: ${subject.title}`;
    description = subject.lede || description;
    pagePath = listingPath(target.kind, target.slug);
    slugs = (await listListing(target.kind, subject.id, 1, FEED_ITEMS)).items.map((a) => a.slug);
  }
  const articles = await fullArticles(slugs);
  const { body, contentType } = renderFeed(format, { title, description, siteUrl: env.SITE_URL, pagePath, language: SITE_LANGUAGE, siteName: env.SITE_NAME }, articles);
  const newest = articles.map((a) => Date.parse(a.updatedAt ?? a.publishedAt)).reduce((a, b) => Math.max(a, b), 0);
  return conditionalResponse(request, { body, contentType, lastModified: newest ? new Date(newest) : undefined, sMaxAge: 300 });
}
