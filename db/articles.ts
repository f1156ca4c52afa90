import { and, count, desc, eq, gte, inArray, ne, sql, type SQL } from "drizzle-orm";
import { db } from "./client";
import { articleAuthors, articles, articleTags, authors, sections, tags } from "./schema";

export type ArticleCard = {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  publishedAt: string;
  updatedAt: string | null;
  section: { slug: string; name: string };
  authors: { slug: string; name: string }[];
  hero: { src: string; alt: string; width: number; height: number } | null;
};

export type Article = ArticleCard & {
  bodyHtml: string;
  wordCount: number;
  heroCaption: string | null;
  heroCredit: string | null;
  tags: { slug: string; name: string }[];
};

export type Page<T> = { items: T[]; total: number; page: number; pageCount: number };
export type Paging = { page: number; pageSize: number };

const published = eq(articles.status, "published");

const authorsJson = sql<{ slug: string; name: string }[]>`coalesce((
  select json_agg(json_build_object('slug', au.slug, 'name', au.name) order by aa.position)
  from ${articleAuthors} aa join ${authors} au on au.id = aa.author_id
  where aa.article_id = ${articles.id}), '[]'::json)`;

const tagsJson = sql<{ slug: string; name: string }[]>`coalesce((
  select json_agg(json_build_object('slug', t.slug, 'name', t.name) order by t.name)
  from ${articleTags} at join ${tags} t on t.id = at.tag_id
  where at.article_id = ${articles.id}), '[]'::json)`;

const cardColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articles.headline,
  dek: articles.dek,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  sectionSlug: sections.slug,
  sectionName: sections.name,
  authors: authorsJson,
  heroSrc: articles.heroSrc,
  heroAlt: articles.heroAlt,
  heroWidth: articles.heroWidth,
  heroHeight: articles.heroHeight,
};

type CardRow = {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  publishedAt: Date;
  updatedAt: Date | null;
  sectionSlug: string;
  sectionName: string;
  authors: { slug: string; name: string }[] | string;
  heroSrc: string | null;
  heroAlt: string | null;
  heroWidth: number | null;
  heroHeight: number | null;
};

// postgres.js parses json columns; some drivers hand back text.
const parseJson = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);
const iso = (d: Date | string) => new Date(d).toISOString();

function toCard(row: CardRow): ArticleCard {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    dek: row.dek,
    publishedAt: iso(row.publishedAt),
    updatedAt: row.updatedAt ? iso(row.updatedAt) : null,
    section: { slug: row.sectionSlug, name: row.sectionName },
    authors: parseJson(row.authors),
    hero: row.heroSrc
      ? { src: row.heroSrc, alt: row.heroAlt ?? "", width: row.heroWidth ?? 1600, height: row.heroHeight ?? 900 }
      : null,
  };
}

async function pageOfCards(where: SQL | undefined, { page, pageSize }: Paging): Promise<Page<ArticleCard>> {
  const d = await db();
  const condition = where ? and(published, where) : published;
  const [rows, [totals]] = await Promise.all([
    d
      .select(cardColumns)
      .from(articles)
      .innerJoin(sections, eq(sections.id, articles.sectionId))
      .where(condition)
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    d.select({ total: count() }).from(articles).where(condition),
  ]);
  const total = Number(totals?.total ?? 0);
  return { items: rows.map(toCard), total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export function listLatestArticles(paging: Paging): Promise<Page<ArticleCard>> {
  return pageOfCards(undefined, paging);
}

export function listArticlesBySection(sectionId: number, paging: Paging): Promise<Page<ArticleCard>> {
  return pageOfCards(eq(articles.sectionId, sectionId), paging);
}

export function listArticlesByTag(tagId: number, paging: Paging): Promise<Page<ArticleCard>> {
  return pageOfCards(
    sql`exists (select 1 from ${articleTags} at where at.article_id = ${articles.id} and at.tag_id = ${tagId})`,
    paging,
  );
}

export function listArticlesByAuthor(authorId: number, paging: Paging): Promise<Page<ArticleCard>> {
  return pageOfCards(
    sql`exists (select 1 from ${articleAuthors} aa where aa.article_id = ${articles.id} and aa.author_id = ${authorId})`,
    paging,
  );
}

export async function getArticleBySlug(slug: string): Promise<Article | null> {
  const [row] = await (await db())
    .select({
      ...cardColumns,
      bodyHtml: articles.bodyHtml,
      wordCount: articles.wordCount,
      heroCaption: articles.heroCaption,
      heroCredit: articles.heroCredit,
      tags: tagsJson,
    })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(published, eq(articles.slug, slug)))
    .limit(1);
  if (!row) return null;
  return {
    ...toCard(row),
    bodyHtml: row.bodyHtml,
    wordCount: row.wordCount,
    heroCaption: row.heroCaption,
    heroCredit: row.heroCredit,
    tags: parseJson(row.tags),
  };
}

/** Published articles sharing a tag or the section with the given one, newest first, never itself. */
export async function listRelatedArticles(articleId: number, limit = 4): Promise<ArticleCard[]> {
  const rows = await (await db())
    .select(cardColumns)
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(
      and(
        published,
        ne(articles.id, articleId),
        sql`(${articles.sectionId} = (select section_id from ${articles} self where self.id = ${articleId})
          or exists (select 1 from ${articleTags} mine join ${articleTags} theirs on theirs.tag_id = mine.tag_id
            where mine.article_id = ${articleId} and theirs.article_id = ${articles.id}))`,
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
  return rows.map(toCard);
}

export async function listArticleSlugs(limit?: number): Promise<{ slug: string; lastModified: string }[]> {
  const query = (await db())
    .select({ slug: articles.slug, publishedAt: articles.publishedAt, updatedAt: articles.updatedAt })
    .from(articles)
    .where(published)
    .orderBy(desc(articles.publishedAt), desc(articles.id));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((r) => ({ slug: r.slug, lastModified: iso(r.updatedAt ?? r.publishedAt) }));
}

export async function listArticlesPublishedSince(since: Date): Promise<ArticleCard[]> {
  const rows = await (await db())
    .select(cardColumns)
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(published, gte(articles.publishedAt, since)))
    .orderBy(desc(articles.publishedAt));
  return rows.map(toCard);
}

export type SearchHit = ArticleCard & { snippet: string; rank: number };

const MARK_START = "\u0002";
const MARK_END = "\u0003";
const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Ranked full-text search. The snippet is HTML: escaped text with <mark> around matches. */
export async function searchArticles(query: string, paging: Paging): Promise<Page<SearchHit>> {
  const d = await db();
  // PostgreSQL text cannot hold NUL; other control characters carry no meaning in a query either.
  const tsquery = sql`websearch_to_tsquery('english', ${query.replace(/[\u0000-\u001f]/g, " ")})`;
  const matches = and(published, sql`${articles.searchVector} @@ ${tsquery}`);
  const rank = sql<number>`ts_rank_cd(${articles.searchVector}, ${tsquery})`;
  const [rows, [totals]] = await Promise.all([
    d
      .select({
        ...cardColumns,
        rank,
        snippet: sql<string>`ts_headline('english', ${articles.bodyText}, ${tsquery},
          ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`})`,
      })
      .from(articles)
      .innerJoin(sections, eq(sections.id, articles.sectionId))
      .where(matches)
      .orderBy(desc(rank), desc(articles.publishedAt))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
    d.select({ total: count() }).from(articles).where(matches),
  ]);
  const total = Number(totals?.total ?? 0);
  return {
    items: rows.map((r) => ({
      ...toCard(r),
      rank: Number(r.rank),
      snippet: escapeHtml(r.snippet).replaceAll(MARK_START, "<mark>").replaceAll(MARK_END, "</mark>"),
    })),
    total,
    page: paging.page,
    pageCount: Math.max(1, Math.ceil(total / paging.pageSize)),
  };
}

export type ArticleImport = {
  slug: string;
  headline: string;
  dek: string;
  sectionSlug: string;
  authorSlugs: string[];
  tags: { slug: string; name: string }[];
  status: "draft" | "published";
  bodySource: string;
  bodyHtml: string;
  bodyText: string;
  wordCount: number;
  hero: { src: string; alt: string; caption: string | null; credit: string | null; width: number; height: number } | null;
  publishedAt: Date;
  updatedAt: Date | null;
};

export class ImportReferenceError extends Error {}

/**
 * Creates or updates one article by slug with its author and tag links, in one transaction:
 * a failure leaves the previous version untouched.
 */
export async function upsertArticle(input: ArticleImport): Promise<"created" | "updated"> {
  return (await db()).transaction(async (tx) => {
    const [section] = await tx.select({ id: sections.id }).from(sections).where(eq(sections.slug, input.sectionSlug));
    if (!section) throw new ImportReferenceError(`unknown section "${input.sectionSlug}"`);
    const authorRows = await tx
      .select({ id: authors.id, slug: authors.slug })
      .from(authors)
      .where(inArray(authors.slug, input.authorSlugs));
    const missing = input.authorSlugs.filter((s) => !authorRows.some((a) => a.slug === s));
    if (missing.length > 0) throw new ImportReferenceError(`unknown author ${missing.map((m) => `"${m}"`).join(", ")}`);

    const values = {
      slug: input.slug,
      headline: input.headline,
      dek: input.dek,
      sectionId: section.id,
      status: input.status,
      bodySource: input.bodySource,
      bodyHtml: input.bodyHtml,
      bodyText: input.bodyText,
      wordCount: input.wordCount,
      heroSrc: input.hero?.src ?? null,
      heroAlt: input.hero?.alt ?? null,
      heroCaption: input.hero?.caption ?? null,
      heroCredit: input.hero?.credit ?? null,
      heroWidth: input.hero?.width ?? null,
      heroHeight: input.hero?.height ?? null,
      publishedAt: input.publishedAt,
      updatedAt: input.updatedAt,
      importedAt: new Date(),
    };
    const [row] = await tx
      .insert(articles)
      .values(values)
      .onConflictDoUpdate({ target: articles.slug, set: values })
      .returning({ id: articles.id, created: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error(`upsert of ${input.slug} returned no row`);

    await tx.delete(articleAuthors).where(eq(articleAuthors.articleId, row.id));
    await tx.insert(articleAuthors).values(
      input.authorSlugs.map((slug, position) => ({
        articleId: row.id,
        authorId: authorRows.find((a) => a.slug === slug)!.id,
        position,
      })),
    );

    await tx.delete(articleTags).where(eq(articleTags.articleId, row.id));
    if (input.tags.length > 0) {
      await tx.insert(tags).values(input.tags).onConflictDoNothing({ target: tags.slug });
      const tagRows = await tx
        .select({ id: tags.id })
        .from(tags)
        .where(inArray(tags.slug, input.tags.map((t) => t.slug)));
      await tx.insert(articleTags).values(tagRows.map((t) => ({ articleId: row.id, tagId: t.id })));
    }
    return row.created ? "created" : "updated";
  });
}

export async function countArticles(): Promise<number> {
  const [row] = await (await db()).select({ n: count() }).from(articles);
  return Number(row?.n ?? 0);
}
