import type { MetadataRoute } from "next";
import { env } from "@/lib/env";
import { newsSitemapPath, PRIVATE_PATHS, sitemapPath } from "@/lib/site/paths";

/**
 * One group for every crawler, Disallow lines only: with no Allow beside them, parsers that take the
 * first match and those that take the longest (RFC 9309) cannot disagree. No `Host:` (not in RFC 9309).
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", disallow: [...PRIVATE_PATHS] }],
    sitemap: [`${env.SITE_URL}${sitemapPath}`, `${env.SITE_URL}${newsSitemapPath}`],
  };
}
