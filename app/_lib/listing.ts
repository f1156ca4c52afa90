import type { ArticleCard, Page } from "@/db/articles";
import { parsePageNumber } from "@/lib/site/format";
import { listingPath, type ListingKind } from "@/lib/site/paths";
import { getAuthor, getSection, getTag, listByAuthor, listBySection, listByTag } from "./queries";

export type { ListingKind } from "@/lib/site/paths";

export type Listing = {
  kind: ListingKind;
  slug: string;
  title: string;
  lede: string;
  basePath: string;
  page: Page<ArticleCard>;
};

/** Finds a section, tag or author by slug: its name and what to say about it; null when there is none. */
export async function findListingSubject(kind: ListingKind, slug: string): Promise<{ id: number; title: string; lede: string } | null> {
  if (kind === "sections") {
    const section = await getSection(slug);
    return section && { id: section.id, title: section.name, lede: section.description };
  }
  if (kind === "tags") {
    const tag = await getTag(slug);
    return tag && { id: tag.id, title: tag.name, lede: `Articles tagged “${tag.name}”.` };
  }
  const author = await getAuthor(slug);
  return author && { id: author.id, title: author.name, lede: [author.role, author.bio].filter(Boolean).join(". ") };
}

/** One page of the subject's articles, newest first. */
export function listListing(kind: ListingKind, id: number, page: number, pageSize?: number): Promise<Page<ArticleCard>> {
  if (kind === "sections") return listBySection(id, page, pageSize);
  if (kind === "tags") return listByTag(id, page, pageSize);
  return listByAuthor(id, page, pageSize);
}

/** Loads one page of a section, tag or author listing; null means 404 (unknown slug or page out of range). */
export async function loadListing(kind: ListingKind, slug: string, pageParam?: string): Promise<Listing | null> {
  const pageNumber = parsePageNumber(pageParam);
  if (pageNumber === null) return null;
  const subject = await findListingSubject(kind, slug);
  if (!subject) return null;
  const page = await listListing(kind, subject.id, pageNumber);
  if (pageNumber > 1 && pageNumber > page.pageCount) return null;
  return { kind, slug, title: subject.title, lede: subject.lede, basePath: listingPath(kind, slug), page };
}
