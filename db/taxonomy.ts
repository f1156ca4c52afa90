import { asc, eq, sql } from "drizzle-orm";
import { db } from "./client";
import { authors, sections, tags, type Author, type Section, type Tag } from "./schema";

export type SectionInput = Pick<Section, "slug" | "name" | "description"> & { position?: number };
export type AuthorInput = Pick<Author, "slug" | "name" | "role" | "bio"> & { avatarSrc?: string | null };

export async function listSections(): Promise<Section[]> {
  return (await db()).select().from(sections).orderBy(asc(sections.position), asc(sections.name));
}

export async function getSectionBySlug(slug: string): Promise<Section | null> {
  const [row] = await (await db()).select().from(sections).where(eq(sections.slug, slug)).limit(1);
  return row ?? null;
}

export async function listAuthors(): Promise<Author[]> {
  return (await db()).select().from(authors).orderBy(asc(authors.name));
}

export async function getAuthorBySlug(slug: string): Promise<Author | null> {
  const [row] = await (await db()).select().from(authors).where(eq(authors.slug, slug)).limit(1);
  return row ?? null;
}

export async function getTagBySlug(slug: string): Promise<Tag | null> {
  const [row] = await (await db()).select().from(tags).where(eq(tags.slug, slug)).limit(1);
  return row ?? null;
}

/** Tags that label at least one published article, for the sitemap. */
export async function listTagsInUse(): Promise<Tag[]> {
  return (await db())
    .select()
    .from(tags)
    .where(
      sql`exists (select 1 from article_tags at join articles a on a.id = at.article_id where at.tag_id = ${tags.id} and a.status = 'published')`,
    )
    .orderBy(asc(tags.slug));
}

export async function upsertSections(input: SectionInput[]): Promise<void> {
  if (input.length === 0) return;
  await (await db())
    .insert(sections)
    .values(input.map((s, i) => ({ ...s, position: s.position ?? i })))
    .onConflictDoUpdate({
      target: sections.slug,
      set: { name: sql`excluded.name`, description: sql`excluded.description`, position: sql`excluded.position` },
    });
}

export async function upsertAuthors(input: AuthorInput[]): Promise<void> {
  if (input.length === 0) return;
  await (await db())
    .insert(authors)
    .values(input)
    .onConflictDoUpdate({
      target: authors.slug,
      set: { name: sql`excluded.name`, role: sql`excluded.role`, bio: sql`excluded.bio`, avatarSrc: sql`excluded.avatar_src` },
    });
}
