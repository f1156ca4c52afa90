import type { Metadata } from "next";
import { IntentLink as Link } from "@/app/_components/intent-link";
import { ArticleCard } from "@/app/_components/article-card";
import { Byline } from "@/app/_components/byline";
import { NotFoundPage } from "@/app/_components/not-found-message";
import { SupportDialog, SupportInline } from "@/app/_components/support";
import { getArticle, listRelated, listSlugs } from "@/app/_lib/queries";
import { ASK_COPY, getAskSettings } from "@/lib/donations/ask";
import { isAskVariant, showsInlineAsk } from "@/lib/donations/ask-variant";
import { env } from "@/lib/env";
import { pageMetadata } from "@/app/_lib/metadata";
import { articleImagePath, articlePath, authorPath, sectionPath, SHARE_IMAGE_SIZE, tagPath } from "@/lib/site/paths";
import { articleJsonLd, jsonLdText } from "@/lib/site/structured-data";
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
  if (!article) return { title: "Page not found", robots: { index: false } };
  const authorUrls = article.authors.map((a) => `${env.SITE_URL}${authorPath(a.slug)}`);
  return {
    ...pageMetadata({
      title: article.headline,
      shareTitle: article.headline,
      description: article.dek,
      path: articlePath(article.slug),
      image: {
        url: articleImagePath(article.slug),
        ...SHARE_IMAGE_SIZE,
        alt: `The headline “${article.headline}” under the ${article.section.name} section's name, with ${article.authors.length > 0 ? `the byline ${article.authors.map((a) => a.name).join(", ")} and ` : ""}the ${env.SITE_NAME} masthead.`,
      },
      feeds: [{ title: `${env.SITE_NAME}: ${article.section.name}`, base: sectionPath(article.section.slug) }],
      openGraph: {
        type: "article",
        publishedTime: article.publishedAt,
        modifiedTime: article.updatedAt ?? article.publishedAt,
        section: article.section.name,
        tags: article.tags.map((t) => t.name),
        authors: authorUrls,
      },
    }),
    authors: article.authors.map((a) => ({ name: a.name, url: authorPath(a.slug) })),
    keywords: article.tags.map((t) => t.name),
  };
}

export default async function ArticlePage({ params }: Props) {
  const { slug, ask } = await params;
  const article = await getArticle(slug);
  if (!article) return <NotFoundPage />;
  const related = await listRelated(article.id);
  // The layout has already refused unknown variants.
  const asks = isAskVariant(ask) && showsInlineAsk(ask);

  return (
    <article className={styles.article}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(articleJsonLd(article)) }} />
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
