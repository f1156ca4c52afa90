import { IntentLink as Link } from "@/app/_components/intent-link";
import type { Listing } from "@/app/_lib/listing";
import { pagePath } from "@/lib/site/format";
import { FEED_FORMATS, FEED_TYPES, listingFeedPath, listingPath } from "@/lib/site/paths";
import { jsonLdText, profilePageJsonLd } from "@/lib/site/structured-data";
import { ArticleCard } from "./article-card";
import styles from "./listing-page.module.css";

const kindLabel = { sections: "Section", tags: "Tag", authors: "Author" } as const;
const FEED_LABELS = { rss: "RSS", atom: "Atom", json: "JSON Feed" } as const;

export function ListingPage({ listing }: { listing: Listing }) {
  const { items, page, pageCount, total } = listing.page;
  const prev = page > 1 ? pagePath(listing.basePath, page - 1) : null;
  const next = page < pageCount ? pagePath(listing.basePath, page + 1) : null;
  return (
    <div className="container">
      {prev && <link rel="prev" href={prev} />}
      {next && <link rel="next" href={next} />}
      <p className={styles.kind}>{kindLabel[listing.kind]}</p>
      <h1 className="page-title">
        {listing.title}
        {page > 1 && <span className="visually-hidden">, page {page}</span>}
      </h1>
      {listing.lede && <p className="page-lede">{listing.lede}</p>}
      {listing.kind === "authors" && page === 1 && (
        <script
          type="application/ld+json"
          dangerouslySetInnerHTML={{ __html: jsonLdText(profilePageJsonLd({ name: listing.title, description: listing.lede, path: listingPath(listing.kind, listing.slug) })) }}
        />
      )}
      <p className={styles.feeds}>
        Follow {listing.title}:{" "}
        {FEED_FORMATS.map((format, i) => (
          <span key={format}>
            {i > 0 && " · "}
            <a href={listingFeedPath(listing.kind, listing.slug, format)} type={FEED_TYPES[format]}>
              {FEED_LABELS[format]}
            </a>
          </span>
        ))}
      </p>
      {items.length === 0 ? (
        <p className={styles.empty}>Nothing has been published here yet.</p>
      ) : (
        <div className={styles.grid}>
          {items.map((a) => (
            <ArticleCard key={a.slug} article={a} headingLevel={2} />
          ))}
        </div>
      )}
      {pageCount > 1 && (
        <nav className={styles.pagination} aria-label="Pagination">
          {prev ? (
            <Link href={prev} rel="prev">
              <span aria-hidden="true">← </span>Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="meta">
            Page {page} of {pageCount} · {total} articles
          </span>
          {next ? (
            <Link href={next} rel="next">
              Older<span aria-hidden="true"> →</span>
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
