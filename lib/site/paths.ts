import { ASK_VARIANTS } from "@/lib/donations/ask-variant";

/** The public reading pages' addresses, written once for pages, feeds, sitemaps, purge and JSON-LD. */
export const homePath = "/";
export const articlePath = (slug: string) => `/articles/${slug}`;
export const sectionPath = (slug: string) => `/sections/${slug}`;
export const tagPath = (slug: string) => `/tags/${slug}`;
export const authorPath = (slug: string) => `/authors/${slug}`;
export const searchPath = "/search";
export const supportPath = "/support";
export const thankYouPath = "/support/thank-you";
export const managePath = "/support/manage";
/** Where a one-time giver's "make it monthly" offer (thank-you page, receipt) leads. */
export const monthlyOfferPath = `${supportPath}?placement=monthly_offer&frequency=monthly`;
/** Under the manage path, so it is private and gets a nonce wherever the manage page does. */
export const reminderStopPath = `${managePath}/stop-reminders`;
/** RFC 8058 one-click unsubscribe: mail clients POST here from the List-Unsubscribe header. */
export const reminderOneClickPath = "/api/reminders/stop";
export const sitemapPath = "/sitemap.xml";
export const newsSitemapPath = "/news-sitemap.xml";
export const robotsPath = "/robots.txt";

/** The kinds of listing, each with its pages at `/<kind>/<slug>` and its feeds below them. */
export type ListingKind = "sections" | "tags" | "authors";
export const listingPath = (kind: ListingKind, slug: string) => `/${kind}/${slug}`;

/** Every feed comes in three formats, at the same name below the page it follows. */
export const FEED_FORMATS = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];
export const FEED_FILES = { rss: "feed.xml", atom: "feed.atom", json: "feed.json" } as const satisfies Record<FeedFormat, string>;
export const FEED_TYPES = { rss: "application/rss+xml", atom: "application/atom+xml", json: "application/feed+json" } as const satisfies Record<FeedFormat, string>;
export const feedFormatOf = (file: string): FeedFormat | null => FEED_FORMATS.find((f) => FEED_FILES[f] === file) ?? null;
/** `base` is the page the feed follows: `/` for the site, a listing's path for a section, tag or author. */
export const feedPath = (base: string, format: FeedFormat = "rss") => `${base === homePath ? "" : base}/${FEED_FILES[format]}`;
export const siteFeedPath = feedPath(homePath);
export const sectionFeedPath = (slug: string, format: FeedFormat = "rss") => feedPath(sectionPath(slug), format);
export const listingFeedPath = (kind: ListingKind, slug: string, format: FeedFormat = "rss") => feedPath(listingPath(kind, slug), format);

/** The generated share cards (PNG, next/og) of the pages that have no photograph of their own. */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;
export const SHARE_IMAGE_FILE = "share-image.png";
export const shareImagePath = (base: string) => `${base === homePath ? "" : base}/${SHARE_IMAGE_FILE}`;
/** The article's share card (app/(site)/articles/[slug]/[image]). */
export const articleImagePath = (slug: string) => shareImagePath(articlePath(slug));
/** The article's images for search engines (NewsArticle `image`): 16:9, 4:3 and 1:1, each 1200 px wide. */
export const ARTICLE_IMAGE_RATIOS = {
  "16x9": { width: 1200, height: 675 },
  "4x3": { width: 1200, height: 900 },
  "1x1": { width: 1200, height: 1200 },
} as const;
export type ArticleImageRatio = keyof typeof ARTICLE_IMAGE_RATIOS;
export const articleRatioImagePath = (slug: string, ratio: ArticleImageRatio) => `${articlePath(slug)}/image-${ratio}.png`;
/** The publisher's raster logo (structured data, feeds); square, well over Google's 112 px minimum. */
export const logoPath = "/logo.png";
export const LOGO_SIZE = { width: 512, height: 512 } as const;

const VARIANT_PREFIX = new RegExp(`^/(?:${ASK_VARIANTS.join("|")})(?=/|$)`);
/** The address a reader sees for a page rendered under `[ask]` (prerendering sees the rewritten one). */
export const withoutAskVariant = (pathname: string) => pathname.replace(VARIANT_PREFIX, "") || "/";

/** Never stored by a shared cache: personal, per-request or staff-only (deploy/varnish/default.vcl passes them). */
export const PRIVATE_PATHS = ["/admin", "/api", "/support/thank-you", "/support/manage", "/search"] as const;
/** Dynamic pages that get a nonce-based CSP from proxy.ts instead of next.config.mjs's static one. */
export const NONCE_PATHS = ["/admin", "/support/thank-you", "/support/manage"] as const;

/** The staff area's own pages. */
export const adminPaths = {
  dashboard: "/admin",
  gifts: "/admin/gifts",
  giftsExport: "/admin/gifts/export",
  supporter: (id: string) => `/admin/supporters/${encodeURIComponent(id)}`,
  supporters: "/admin/supporters",
  signIn: "/admin/sign-in",
  secondFactor: "/admin/sign-in/two-factor",
  account: "/admin/account",
  enrol: "/admin/account/two-factor",
  audit: "/admin/audit",
} as const;
