import { Feed } from "feed";
import type { Article } from "@/db/articles";
import { articlePath, articleImagePath, authorPath, FEED_FORMATS, FEED_TYPES, feedPath, logoPath, sectionPath, tagPath, type FeedFormat } from "@/lib/site/paths";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

export type FeedChannel = {
  title: string;
  description: string;
  /** The site's origin, `https://news.example`. */
  siteUrl: string;
  /** The page the feed follows (`/`, `/sections/economy`), which is also where its feeds live. */
  pagePath: string;
  language: string;
  siteName: string;
};

/**
 * The body HTML is sanitised with site-relative links and images (lib/content/markdown.ts); a feed
 * reader shows it away from the site, so they are made absolute.
 */
export const absoluteUrls = (html: string, siteUrl: string) => html.replace(/\b(src|href)="\/(?!\/)/g, `$1="${siteUrl}/`);

const RASTER_TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" };

/** The item's image: the hero when it is a raster image (readers show few others), else the generated share card. */
export function feedImage(article: Article, siteUrl: string): { url: string; type: string } {
  const type = article.hero && RASTER_TYPES[article.hero.src.split(".").pop()!.toLowerCase()];
  if (article.hero && type) return { url: `${siteUrl}${article.hero.src}`, type };
  return { url: `${siteUrl}${articleImagePath(article.slug)}`, type: "image/png" };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The article as its page shows it: the hero with its caption and credit, then the body. */
export function feedContent(article: Article, siteUrl: string): string {
  const caption = [article.heroCaption, article.heroCredit].filter(Boolean).join(" ");
  const hero = article.hero
    ? `<figure><img src="${escapeHtml(article.hero.src)}" alt="${escapeHtml(article.hero.alt)}" width="${article.hero.width}" height="${article.hero.height}">${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ""}</figure>\n`
    : "";
  return absoluteUrls(hero + article.bodyHtml, siteUrl);
}

/** One feed in one format, from the full articles (newest first): full content, the share card as the image. */
export function renderFeed(format: FeedFormat, channel: FeedChannel, articles: Article[]): { body: string; contentType: string } {
  const url = (path: string) => `${channel.siteUrl}${path}`;
  const pageUrl = url(channel.pagePath);
  const links = Object.fromEntries(FEED_FORMATS.map((f) => [f, url(feedPath(channel.pagePath, f))])) as Record<FeedFormat, string>;
  const newest = articles.reduce<Date | undefined>((latest, a) => {
    const d = new Date(a.updatedAt ?? a.publishedAt);
    return !latest || d > latest ? d : latest;
  }, undefined);
  const feed = new Feed({
    id: pageUrl,
    title: channel.title,
    description: channel.description,
    link: pageUrl,
    language: channel.language,
    // With no articles yet, the feed is as old as nothing: a fixed date keeps its validators stable.
    updated: newest ?? new Date(0),
    generator: false,
    feedLinks: { rss: links.rss, atom: links.atom, json: links.json },
    image: url(logoPath),
    favicon: url("/icon.svg"),
    copyright: `© ${channel.siteName}`,
  });
  for (const a of articles) {
    const link = url(articlePath(a.slug));
    feed.addItem({
      title: a.headline,
      // RSS: no id, so the guid is the permalink (isPermaLink="true"); Atom and JSON Feed need one.
      id: format === "rss" ? undefined : link,
      link,
      date: new Date(a.updatedAt ?? a.publishedAt),
      published: new Date(a.publishedAt),
      description: a.dek || undefined,
      content: feedContent(a, channel.siteUrl),
      // RSS's <author> is an e-mail address; names go in dc:creator (below) and Atom/JSON authors.
      author: format === "rss" ? undefined : a.authors.map((p) => ({ name: p.name, link: url(authorPath(p.slug)) })),
      category: [{ name: a.section.name, domain: url(sectionPath(a.section.slug)) }, ...a.tags.map((t) => ({ name: t.name, domain: url(tagPath(t.slug)) }))],
      image: feedImage(a, channel.siteUrl),
      extensions: format === "rss" && a.authors.length > 0 ? [{ name: "dc:creator", objects: { _text: a.authors.map((p) => p.name).join(", ") } }] : undefined,
    });
  }
  if (format === "rss") return { body: feed.rss2(), contentType: `${FEED_TYPES.rss}; charset=utf-8` };
  if (format === "atom") return { body: withEnclosureTypes(feed.atom1(), articles.map((a) => feedImage(a, channel.siteUrl))), contentType: `${FEED_TYPES.atom}; charset=utf-8` };
  return { body: jsonFeed11(feed.json1(), channel, articles), contentType: `${FEED_TYPES.json}; charset=utf-8` };
}

/** The library types an Atom enclosure from its file extension (`image/JPG`, `image/svg`); we know the real type. */
function withEnclosureTypes(atom: string, images: { url: string; type: string }[]): string {
  let out = atom;
  for (const { url, type } of images) {
    const href = new URL(url).toString().replace(/&/g, "&amp;");
    const guessed = `type="image/${new URL(url).pathname.split(".").pop()}"`;
    out = out.split(`href="${href}" ${guessed}`).join(`href="${href}" type="${type}"`);
  }
  return out;
}

type JsonFeedItem = { id: string; author?: unknown; [key: string]: unknown };

/** The library writes JSON Feed 1.0; 1.1 names `authors` (a list) and `language`, and drops `author`. */
function jsonFeed11(json: string, channel: FeedChannel, articles: Article[]): string {
  const feed = JSON.parse(json) as { version: string; items: JsonFeedItem[]; author?: unknown; [key: string]: unknown };
  const byId = new Map(articles.map((a) => [`${channel.siteUrl}${articlePath(a.slug)}`, a]));
  const items = feed.items.map(({ author: _author, ...item }) => {
    const a = byId.get(item.id);
    return { ...item, ...(a && a.authors.length > 0 ? { authors: a.authors.map((p) => ({ name: p.name, url: `${channel.siteUrl}${authorPath(p.slug)}` })) } : {}) };
  });
  const { author: _author, version: _version, items: _items, ...rest } = feed;
  return JSON.stringify({ version: "https://jsonfeed.org/version/1.1", ...rest, language: channel.language, authors: [{ name: channel.siteName, url: channel.siteUrl }], items }, null, 2);
}

export type SitemapEntry = { url: string; lastModified?: string };

/** sitemaps.org 0.9. Its schema wants at least one <url>: callers always list the front page. */
export function renderSitemap(entries: SitemapEntry[]): string {
  const urls = entries
    .map((e) => `  <url>\n    <loc>${escapeXml(e.url)}</loc>${e.lastModified ? `\n    <lastmod>${new Date(e.lastModified).toISOString()}</lastmod>` : ""}\n  </url>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls}
</urlset>
`;
}

export type NewsSitemapEntry = { url: string; title: string; publishedAt: string };

/**
 * The official sitemap schema wants at least one <url>: on a day with nothing new the news sitemap
 * lists only the front page, with no news elements (so nothing old is offered as news).
 */
export function renderNewsSitemap(publicationName: string, language: string, entries: NewsSitemapEntry[], frontPageUrl: string): string {
  if (entries.length === 0) return renderSitemap([{ url: frontPageUrl }]);
  const urls = entries
    .map(
      (e) => `  <url>
    <loc>${escapeXml(e.url)}</loc>
    <news:news>
      <news:publication><news:name>${escapeXml(publicationName)}</news:name><news:language>${escapeXml(language)}</news:language></news:publication>
      <news:publication_date>${new Date(e.publishedAt).toISOString()}</news:publication_date>
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
