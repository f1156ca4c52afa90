import type { ArticleCard } from "@/db/articles";
import { articlePath } from "@/lib/site/paths";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export type FeedChannel = { title: string; description: string; siteUrl: string; feedUrl: string; language?: string };

/** RSS 2.0 with an Atom self link, so feed readers can find the canonical feed address. */
export function renderRss(channel: FeedChannel, items: ArticleCard[]): string {
  const last = items[0]?.updatedAt ?? items[0]?.publishedAt;
  const entries = items
    .map((a) => {
      const url = `${channel.siteUrl}${articlePath(a.slug)}`;
      return `    <item>
      <title>${escapeXml(a.headline)}</title>
      <link>${escapeXml(url)}</link>
      <guid isPermaLink="true">${escapeXml(url)}</guid>
      <description>${escapeXml(a.dek)}</description>
      <category>${escapeXml(a.section.name)}</category>
      <dc:creator>${escapeXml(a.authors.map((x) => x.name).join(", "))}</dc:creator>
      <pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>
    </item>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(channel.title)}</title>
    <link>${escapeXml(channel.siteUrl)}</link>
    <description>${escapeXml(channel.description)}</description>
    <language>${channel.language ?? "en"}</language>
    <atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>
${last ? `    <lastBuildDate>${new Date(last).toUTCString()}</lastBuildDate>\n` : ""}${entries}
  </channel>
</rss>
`;
}

export type NewsSitemapEntry = { url: string; title: string; publishedAt: string };

export function renderNewsSitemap(publicationName: string, entries: NewsSitemapEntry[]): string {
  const urls = entries
    .map(
      (e) => `  <url>
    <loc>${escapeXml(e.url)}</loc>
    <news:news>
      <news:publication><news:name>${escapeXml(publicationName)}</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>${e.publishedAt}</news:publication_date>
      <news:title>${escapeXml(e.title)}</news:title>
    </news:news>
  </url>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${urls}
</urlset>
`;
}
