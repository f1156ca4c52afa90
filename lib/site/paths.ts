import { ASK_VARIANTS } from "@/lib/donations/ask-variant";

/** The public reading pages' addresses, written once for pages, feeds, sitemaps, purge and JSON-LD. */
export const homePath = "/";
export const articlePath = (slug: string) => `/articles/${slug}`;
/** The article's generated share card (app/(site)/articles/[slug]/share-image.png). */
export const articleImagePath = (slug: string) => `${articlePath(slug)}/share-image.png`;
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;
export const sectionPath = (slug: string) => `/sections/${slug}`;
export const sectionFeedPath = (slug: string) => `${sectionPath(slug)}/feed.xml`;
export const siteFeedPath = "/feed.xml";
export const tagPath = (slug: string) => `/tags/${slug}`;
export const authorPath = (slug: string) => `/authors/${slug}`;
export const searchPath = "/search";
export const supportPath = "/support";
export const managePath = "/support/manage";
/** Where a one-time giver's "make it monthly" offer (thank-you page, receipt) leads. */
export const monthlyOfferPath = `${supportPath}?placement=monthly_offer&frequency=monthly`;
/** Under the manage path, so it is private and gets a nonce wherever the manage page does. */
export const reminderStopPath = `${managePath}/stop-reminders`;
/** RFC 8058 one-click unsubscribe: mail clients POST here from the List-Unsubscribe header. */
export const reminderOneClickPath = "/api/reminders/stop";

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
