import type { Metadata } from "next";
import { env } from "@/lib/env";
import { OG_LOCALE } from "@/lib/site/identity";
import { FEED_FORMATS, FEED_TYPES, feedPath, homePath, SHARE_IMAGE_SIZE, shareImagePath, type FeedFormat } from "@/lib/site/paths";

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: "RSS", atom: "Atom", json: "JSON Feed" };

/** A feed a page offers: `base` is the page it follows (lib/site/paths.ts feedPath). */
export type PageFeed = { title: string; base: string };
export const siteFeed = (): PageFeed => ({ title: `${env.SITE_NAME}: latest`, base: homePath });

/**
 * `<link rel="alternate">` for each feed in each format: the page's own first, then the site's.
 * Next.js replaces a layout's `alternates` with a page's, so every page states all of them.
 */
export function feedAlternates(feeds: PageFeed[]): NonNullable<Metadata["alternates"]>["types"] {
  const all = [...feeds, siteFeed()].filter((f, i, list) => list.findIndex((g) => g.base === f.base) === i);
  return Object.fromEntries(FEED_FORMATS.map((format) => [FEED_TYPES[format], all.map((f) => ({ url: feedPath(f.base, format), title: `${f.title} (${FORMAT_NAMES[format]})` }))]));
}

export type ShareImage = { url: string; alt: string; width: number; height: number };

/** The site's own card: for the front page and any page without a card of its own. */
export const siteShareImage = () => ({
  url: shareImagePath(homePath),
  ...SHARE_IMAGE_SIZE,
  alt: `${env.SITE_NAME}: “${env.SITE_DESCRIPTION}” in large serif type on the paper-white card with a red rule at the top.`,
});


export type PageMetadataInput = {
  title?: string;
  /** The title in share cards, when it should differ from the document title. */
  shareTitle: string;
  description?: string;
  path: string;
  image: ShareImage;
  feeds?: PageFeed[];
  openGraph?: Record<string, unknown>;
  robots?: Metadata["robots"];
};

/**
 * Canonical URL, feeds, OpenGraph and Twitter cards, complete for every page kind: Next.js merges
 * metadata one key deep, so a page's `openGraph` would otherwise drop the layout's site name and locale.
 */
export function pageMetadata(input: PageMetadataInput): Metadata {
  const image = { url: input.image.url, width: input.image.width, height: input.image.height, alt: input.image.alt, type: "image/png" };
  return {
    ...(input.title ? { title: input.title } : {}),
    description: input.description || env.SITE_DESCRIPTION,
    alternates: { canonical: input.path, types: feedAlternates(input.feeds ?? []) },
    openGraph: {
      siteName: env.SITE_NAME,
      locale: OG_LOCALE,
      type: "website",
      url: input.path,
      title: input.shareTitle,
      description: input.description || env.SITE_DESCRIPTION,
      images: [image],
      ...input.openGraph,
    } as Metadata["openGraph"],
    twitter: { card: "summary_large_image", title: input.shareTitle, description: input.description || env.SITE_DESCRIPTION, images: [{ url: image.url, alt: image.alt }] },
    ...(input.robots ? { robots: input.robots } : {}),
  };
}

