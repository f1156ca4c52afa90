import { renderMarkdown } from "@/lib/content/markdown";
import { upsertArticle, type ArticleImport } from "../articles";
import { upsertAuthors, upsertSections } from "../taxonomy";

export type FixtureArticle = {
  slug: string;
  headline?: string;
  dek?: string;
  section?: string;
  authors?: string[];
  tags?: string[];
  body?: string;
  status?: "draft" | "published";
  publishedAt: string;
};

export async function seedTaxonomy(): Promise<void> {
  await upsertSections([
    { slug: "politics", name: "Politics", description: "Power." },
    { slug: "economy", name: "Economy", description: "Money." },
    { slug: "culture", name: "Culture", description: "Art." },
  ]);
  await upsertAuthors([
    { slug: "ana", name: "Ana Lind", role: "Reporter", bio: "" },
    { slug: "bo", name: "Bo Reyes", role: "Editor", bio: "" },
    { slug: "cy", name: "Cy Novak", role: "Critic", bio: "" },
  ]);
}

export async function toImport(a: FixtureArticle): Promise<ArticleImport> {
  const body = a.body ?? `Body of ${a.slug}.`;
  const rendered = await renderMarkdown(body);
  return {
    slug: a.slug,
    headline: a.headline ?? `Headline ${a.slug}`,
    dek: a.dek ?? "",
    sectionSlug: a.section ?? "politics",
    authorSlugs: a.authors ?? ["ana"],
    tags: (a.tags ?? []).map((slug) => ({ slug, name: slug })),
    status: a.status ?? "published",
    bodySource: body,
    bodyHtml: rendered.html,
    bodyText: rendered.text,
    wordCount: rendered.wordCount,
    hero: null,
    publishedAt: new Date(a.publishedAt),
    updatedAt: null,
  };
}

export async function seedArticles(list: FixtureArticle[]): Promise<void> {
  for (const a of list) await upsertArticle(await toImport(a));
}

/** `n` published articles in politics, one a day back from 2026-11-27 (article-1 is newest). */
export const dailyArticles = (n: number, extra: Partial<FixtureArticle> = {}): FixtureArticle[] =>
  Array.from({ length: n }, (_, i) => ({
    slug: `article-${i + 1}`,
    publishedAt: new Date(Date.UTC(2026, 10, 27 - i, 8)).toISOString(),
    ...extra,
  }));

/** Raw SQL for test set-up that only the database can express (a trigger that makes a write fail). */
export async function runSql(statement: string): Promise<void> {
  const { sql } = await import("drizzle-orm");
  const { db } = await import("../client");
  await (await db()).execute(sql.raw(statement));
}

/** How many sessions of this database are waiting on the given event (e.g. PgSleep). */
export async function readActivity(waitEvent: string): Promise<number> {
  const { sql } = await import("drizzle-orm");
  const { db } = await import("../client");
  const rows = await (await db()).execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event = ${waitEvent}`);
  return Number((rows as unknown as { n: number }[])[0]?.n ?? (rows as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? 0);
}

/** Sign-in attempts by outcome for one e-mail: each `failed` or `succeeded` row is one password checked. */
export async function countSignInOutcomes(email: string): Promise<Record<string, number>> {
  const { sql } = await import("drizzle-orm");
  const { db } = await import("../client");
  const rows = (await (await db()).execute(sql`select outcome::text as outcome, count(*)::int as n from sign_in_attempts where email = ${email} group by outcome`)) as unknown as { outcome: string; n: number }[];
  return Object.fromEntries([...rows].map((r) => [r.outcome, Number(r.n)]));
}
