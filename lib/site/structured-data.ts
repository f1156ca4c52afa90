import type { Article } from "@/db/articles";
import { env } from "@/lib/env";
import { SITE_LANGUAGE } from "@/lib/site/identity";
import {
  ARTICLE_IMAGE_RATIOS,
  articlePath,
  articleRatioImagePath,
  authorPath,
  homePath,
  LOGO_SIZE,
  logoPath,
  searchPath,
  sectionPath,
  type ArticleImageRatio,
} from "@/lib/site/paths";

/** schema.org JSON-LD for search engines; every URL absolute, every image a raster one the site serves. */
const absolute = (path: string) => `${env.SITE_URL}${path === homePath ? "/" : path}`;
const orgId = () => `${absolute(homePath)}#organization`;

export function newsMediaOrganization() {
  return {
    "@type": "NewsMediaOrganization",
    "@id": orgId(),
    name: env.SITE_NAME,
    url: absolute(homePath),
    logo: { "@type": "ImageObject", url: absolute(logoPath), ...LOGO_SIZE },
  };
}

/** The home page: the site and its publisher, with the search box search engines may offer. */
export function homeJsonLd() {
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "WebSite",
        "@id": `${absolute(homePath)}#website`,
        name: env.SITE_NAME,
        url: absolute(homePath),
        description: env.SITE_DESCRIPTION,
        inLanguage: SITE_LANGUAGE,
        publisher: { "@id": orgId() },
        potentialAction: { "@type": "SearchAction", target: { "@type": "EntryPoint", urlTemplate: `${absolute(searchPath)}?q={search_term_string}` }, "query-input": "required name=search_term_string" },
      },
      newsMediaOrganization(),
    ],
  };
}

export function articleJsonLd(article: Article) {
  const url = absolute(articlePath(article.slug));
  const ratios = Object.keys(ARTICLE_IMAGE_RATIOS) as ArticleImageRatio[];
  return {
    "@context": "https://schema.org",
    "@graph": [
      {
        "@type": "NewsArticle",
        mainEntityOfPage: { "@type": "WebPage", "@id": url },
        url,
        headline: article.headline,
        description: article.dek || undefined,
        image: ratios.map((r) => ({ "@type": "ImageObject", url: absolute(articleRatioImagePath(article.slug, r)), ...ARTICLE_IMAGE_RATIOS[r] })),
        datePublished: article.publishedAt,
        dateModified: article.updatedAt ?? article.publishedAt,
        articleSection: article.section.name,
        keywords: article.tags.map((t) => t.name).join(", ") || undefined,
        wordCount: article.wordCount,
        inLanguage: SITE_LANGUAGE,
        isAccessibleForFree: true,
        author: article.authors.map((a) => ({ "@type": "Person", name: a.name, url: absolute(authorPath(a.slug)) })),
        publisher: newsMediaOrganization(),
      },
      {
        "@type": "BreadcrumbList",
        itemListElement: [
          { "@type": "ListItem", position: 1, name: env.SITE_NAME, item: absolute(homePath) },
          { "@type": "ListItem", position: 2, name: article.section.name, item: absolute(sectionPath(article.section.slug)) },
          { "@type": "ListItem", position: 3, name: article.headline, item: url },
        ],
      },
    ],
  };
}

export function profilePageJsonLd(author: { name: string; description: string; path: string; image?: string }) {
  return {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url: absolute(author.path),
    inLanguage: SITE_LANGUAGE,
    mainEntity: {
      "@type": "Person",
      name: author.name,
      description: author.description || undefined,
      url: absolute(author.path),
      ...(author.image ? { image: absolute(author.image) } : {}),
      worksFor: { "@id": orgId(), "@type": "NewsMediaOrganization", name: env.SITE_NAME },
    },
  };
}

/** JSON in a <script> must not be able to close the tag. */
export const jsonLdText = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
