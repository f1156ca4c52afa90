import type { Metadata } from "next";
import { IntentLink as Link } from "@/app/_components/intent-link";
import { isAskVariant } from "@/lib/donations/ask-variant";
import { env } from "@/lib/env";
import { ArticleCard } from "@/app/_components/article-card";
import { listBySection, listLatest, listSections } from "@/app/_lib/queries";
import { pageMetadata, siteShareImage } from "@/app/_lib/metadata";
import { homePath, sectionPath } from "@/lib/site/paths";
import { homeJsonLd, jsonLdText } from "@/lib/site/structured-data";
import styles from "./page.module.css";

// Fronts: a short s-maxage (with stale-while-revalidate) for HTTP caches; imports also purge them at once.
export const revalidate = 60;

export const metadata: Metadata = pageMetadata({ shareTitle: `${env.SITE_NAME}: independent, reader-funded news`, path: homePath, image: siteShareImage() });

type Props = { params: Promise<{ ask: string }> };

export default async function HomePage({ params }: Props) {
  // `/nope` reaches here as an unknown variant; the layout answers it with the 404 page, and nothing
  // of the front page (its lead image's preload above all) may go out with it.
  if (!isAskVariant((await params).ask)) return null;
  const [latest, sections] = await Promise.all([listLatest(1, 9), listSections()]);
  const blocks = await Promise.all(sections.map(async (s) => ({ section: s, page: await listBySection(s.id, 1, 4) })));
  const [lead, ...rest] = latest.items;

  if (!lead) {
    return (
      <div className="container">
        <h1 className="page-title">{env.SITE_NAME}</h1>
        <p className="page-lede">No articles have been published yet.</p>
      </div>
    );
  }

  return (
    <div className="container">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(homeJsonLd()) }} />
      <h1 className="visually-hidden">{env.SITE_NAME}: the latest news</h1>
      <section className={styles.lead} aria-label="Lead story">
        <ArticleCard article={lead} variant="lead" eager />
      </section>
      <section className={styles.block} aria-labelledby="latest-heading">
        <div className={styles.blockTitle}>
          <h2 id="latest-heading">Latest</h2>
        </div>
        <div className={styles.grid}>
          {rest.map((a) => (
            <ArticleCard key={a.slug} article={a} />
          ))}
        </div>
      </section>
      {blocks
        .filter((b) => b.page.items.length > 0)
        .map(({ section, page }) => (
          <section key={section.slug} className={styles.block} aria-labelledby={`section-${section.slug}`}>
            <div className={styles.blockTitle}>
              <h2 id={`section-${section.slug}`}>
                <Link href={sectionPath(section.slug)}>{section.name}</Link>
              </h2>
              <Link className={styles.more} href={sectionPath(section.slug)}>
                More {section.name}
                <span aria-hidden="true"> →</span>
              </Link>
            </div>
            <div className={styles.grid}>
              {page.items.map((a) => (
                <ArticleCard key={a.slug} article={a} />
              ))}
            </div>
          </section>
        ))}
    </div>
  );
}
