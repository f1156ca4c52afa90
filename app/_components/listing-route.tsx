import type { Metadata } from "next";
import { permanentRedirect } from "next/navigation";
import { ListingPage } from "@/app/_components/listing-page";
import { NotFoundPage } from "@/app/_components/not-found-message";
import { loadListing, type Listing, type ListingKind } from "@/app/_lib/listing";
import { pageMetadata } from "@/app/_lib/metadata";
import { listAuthors, listSections } from "@/app/_lib/queries";
import { env } from "@/lib/env";
import { pagePath } from "@/lib/site/format";
import { listingPath, SHARE_IMAGE_SIZE, shareImagePath } from "@/lib/site/paths";

const KIND_NAMES: Record<ListingKind, string> = { sections: "section", tags: "tag", authors: "writer" };

export function listingMetadata(listing: Listing | null): Metadata {
  if (!listing) return { title: "Page not found", robots: { index: false } };
  const { page } = listing.page;
  const base = listingPath(listing.kind, listing.slug);
  return pageMetadata({
    title: page > 1 ? `${listing.title}, page ${page}` : listing.title,
    shareTitle: listing.title,
    description: listing.lede,
    path: pagePath(listing.basePath, page),
    image: {
      url: shareImagePath(base),
      ...SHARE_IMAGE_SIZE,
      alt: `“${listing.title}”, a ${KIND_NAMES[listing.kind]} of ${env.SITE_NAME}, in large serif type on the paper-white card with a red rule at the top.`,
    },
    feeds: [{ title: `${env.SITE_NAME}: ${listing.title}`, base }],
    openGraph: listing.kind === "authors" ? { type: "profile" } : undefined,
  });
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
      if (page === "1") permanentRedirect(listingPath(kind, slug));
      const listing = await loadListing(kind, slug, page);
      if (!listing) return <NotFoundPage />;
      return <ListingPage listing={listing} />;
    },
  };
}
