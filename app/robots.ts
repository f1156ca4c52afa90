import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/", "/search", "/admin"] }],
    sitemap: [`${env.SITE_URL}/sitemap.xml`, `${env.SITE_URL}/news-sitemap.xml`],
    host: env.SITE_URL,
  };
}
