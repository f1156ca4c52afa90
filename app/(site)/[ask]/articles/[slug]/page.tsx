import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleCard } from "@/app/_components/article-card";
import { Byline } from "@/app/_components/byline";
import { SupportDialog, SupportInline } from "@/app/_components/support";
import { getArticle, listRelated, listSlugs } from "@/app/_lib/queries";
import type { Article } from "@/db/articles";
import { ASK_COPY, getAskSettings } from "@/lib/donations/ask";
import { isAskVariant, showsInlineAsk } from "@/lib/donations/ask-variant";
import { env } from "@/lib/env";
import { articleImagePath, articlePath, authorPath, sectionPath, SHARE_IMAGE_SIZE, tagPath } from "@/lib/site/paths";
import { formatDateTime } from "@/lib/site/format";
import styles from "./article.module.css";

export const revalidate = 86400;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string; ask: string }> };

export async function generateStaticParams() {
  if (env.PRERENDER_ARTICLES === 0) return [];
  return (await listSlugs(env.PRERENDER_ARTICLES)).map(({ slug }) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await getArticle((await params).slug);
  if (!article) return { title: "Article not found", robots: { index: false } };
  const url = articlePath(article.slug);
  return {
    title: article.headline,
    description: article.dek || undefined,
    alternates: { canonical: url },
    authors: article.authors.map((a) => ({ name: a.name, url: authorPath(a.slug) })),
    keywords: article.tags.map((t) => t.name),
    openGraph: {
      type: "article",
      url,
      title: article.headline,
      description: article.dek || undefined,
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt ?? article.publishedAt,
      section: article.section.name,
      tags: article.tags.map((t) => t.name),
      authors: article.authors.map((a) => `${env.SITE_URL}${authorPath(a.slug)}`),
      images: [{ url: articleImagePath(article.slug), ...SHARE_IMAGE_SIZE, type: "image/png", alt: article.headline }],
    },
    twitter: { card: "summary_large_image", title: article.headline, description: article.dek || undefined, images: [{ url: articleImagePath(article.slug), alt: article.headline }] },
  };
}

function newsArticleJsonLd(article: Article) {
  const url = `${env.SITE_URL}${articlePath(article.slug)}`;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: article.headline,
    description: article.dek || undefined,
    image: [`${env.SITE_URL}${articleImagePath(article.slug)}`, ...(article.hero ? [`${env.SITE_URL}${article.hero.src}`] : [])],
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    articleSection: article.section.name,
    keywords: article.tags.map((t) => t.name).join(", ") || undefined,
    wordCount: article.wordCount,
    isAccessibleForFree: true,
    author: article.authors.map((a) => ({ "@type": "Person", name: a.name, url: `${env.SITE_URL}${authorPath(a.slug)}` })),
    publisher: { "@type": "NewsMediaOrganization", name: env.SITE_NAME, url: env.SITE_URL, logo: { "@type": "ImageObject", url: `${env.SITE_URL}/icon.svg` } },
  };
}

// JSON in a <script> must not be able to close the tag.
const safeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export default async function ArticlePage({ params }: Props) {
  const { slug, ask } = await params;
  const article = await getArticle(slug);
  if (!article) notFound();
  const related = await listRelated(article.id);
  // The layout has already refused unknown variants.
  const asks = isAskVariant(ask) && showsInlineAsk(ask);

  return (
    <article className={styles.article}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(newsArticleJsonLd(article)) }} />
      <header className={styles.header}>
        <Link className="kicker" href={sectionPath(article.section.slug)}>
          {article.section.name}
        </Link>
        <h1 className={styles.headline}>{article.headline}</h1>
        {article.dek && <p className={styles.dek}>{article.dek}</p>}
        <div className={`meta ${styles.meta}`}>
          <Byline authors={article.authors} />
          <span>
            Published <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt)}</time>
            {article.updatedAt && (
              <>
                {" · "}Updated <time dateTime={article.updatedAt}>{formatDateTime(article.updatedAt)}</time>
              </>
            )}
          </span>
        </div>
      </header>

      {article.hero && (
        <figure className={styles.hero} style={{ ["--ratio" as string]: `${article.hero.width} / ${article.hero.height}` }}>
          <img
            src={article.hero.src}
            alt={article.hero.alt}
            width={article.hero.width}
            height={article.hero.height}
            fetchPriority="high"
            decoding="async"
          />
          {(article.heroCaption || article.heroCredit) && (
            <figcaption>
              {article.heroCaption}
              {article.heroCredit && <span className={styles.credit}> {article.heroCredit}</span>}
            </figcaption>
          )}
        </figure>
      )}

      <div className={styles.body} dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />

      {asks && <SupportInline sourcePath={articlePath(article.slug)} settings={getAskSettings()} />}

      {article.tags.length > 0 && (
        <ul className={styles.tags} aria-label="Tags">
          {article.tags.map((t) => (
            <li key={t.slug}>
              <Link href={tagPath(t.slug)} rel="tag">
                {t.name}
              </Link>
            </li>
          ))}
        </ul>
      )}

      {related.length > 0 && (
        <aside className={styles.related} aria-labelledby="read-more">
          <h2 id="read-more">Read more</h2>
          <div className={styles.relatedGrid}>
            {related.map((a) => (
              <ArticleCard key={a.slug} article={a} />
            ))}
          </div>
        </aside>
      )}

      {/* Never in the served HTML (it opens from script, when due); mounted in every variant so reads are counted. */}
      <SupportDialog
        sourcePath={articlePath(article.slug)}
        settings={getAskSettings()}
        copy={{ title: ASK_COPY.dialogTitle, appeal: ASK_COPY.dialogAppeal, remindLater: ASK_COPY.remindLater }}
      />
    </article>
  );
}
