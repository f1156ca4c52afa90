import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import type { ArticleCard, Page } from "@/db/articles";
import { ListingPage } from "@/app/_components/listing-page";
import { pagePath, parsePageNumber } from "@/lib/site/format";
import { sectionFeedPath } from "@/lib/site/paths";
import { getAuthor, getSection, getTag, listAuthors, listByAuthor, listBySection, listByTag, listSections } from "./queries";

export type ListingKind = "sections" | "tags" | "authors";

export type Listing = {
  kind: ListingKind;
  title: string;
  lede: string;
  basePath: string;
  feedPath?: string;
  page: Page<ArticleCard>;
};

/** Loads one page of a section, tag or author listing; null means 404 (unknown slug or page out of range). */
export async function loadListing(kind: ListingKind, slug: string, pageParam?: string): Promise<Listing | null> {
  const pageNumber = parsePageNumber(pageParam);
  if (pageNumber === null) return null;
  const basePath = `/${kind}/${slug}`;

  let listing: Listing | null = null;
  if (kind === "sections") {
    const section = await getSection(slug);
    if (section)
      listing = { kind, title: section.name, lede: section.description, basePath, feedPath: sectionFeedPath(slug), page: await listBySection(section.id, pageNumber) };
  } else if (kind === "tags") {
    const tag = await getTag(slug);
    if (tag) listing = { kind, title: tag.name, lede: `Articles tagged “${tag.name}”.`, basePath, page: await listByTag(tag.id, pageNumber) };
  } else {
    const author = await getAuthor(slug);
    if (author)
      listing = { kind, title: author.name, lede: [author.role, author.bio].filter(Boolean).join(". "), basePath, page: await listByAuthor(author.id, pageNumber) };
  }
  if (!listing) return null;
  if (pageNumber > 1 && pageNumber > listing.page.pageCount) return null;
  return listing;
}


export function listingMetadata(listing: Listing | null): Metadata {
  if (!listing) return { title: "Not found", robots: { index: false } };
  const { page } = listing.page;
  return {
    title: page > 1 ? `${listing.title}, page ${page}` : listing.title,
    description: listing.lede || undefined,
    alternates: {
      canonical: pagePath(listing.basePath, page),
      ...(listing.feedPath ? { types: { "application/rss+xml": [{ url: listing.feedPath, title: listing.title }] } } : {}),
    },
  };
}

type ListingProps = { params: Promise<{ slug: string; page?: string }> };

/** The page and metadata functions shared by the six listing routes (three kinds, first and later pages). */
export function listingRoute(kind: ListingKind) {
  return {
    /** Sections and authors are few: prerender their first pages. Tags and later pages render on first visit. */
    async generateStaticParams(): Promise<{ slug: string }[]> {
      if (kind === "sections") return (await listSections()).map((s) => ({ slug: s.slug }));
      if (kind === "authors") return (await listAuthors()).map((a) => ({ slug: a.slug }));
      return [];
    },
    async generateMetadata({ params }: ListingProps): Promise<Metadata> {
      const { slug, page } = await params;
      return listingMetadata(await loadListing(kind, slug, page));
    },
    async Page({ params }: ListingProps) {
      const { slug, page } = await params;
      if (page === "1") permanentRedirect(`/${kind}/${slug}`);
      const listing = await loadListing(kind, slug, page);
      if (!listing) notFound();
      return <ListingPage listing={listing} />;
    },
  };
}
