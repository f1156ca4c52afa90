import type { Metadata } from "next";
import { IntentLink as Link } from "@/app/_components/intent-link";
import { firstParam } from "@/lib/site/search-params";
import { searchArticles, type Page, type SearchHit } from "@/db/articles";
import { env } from "@/lib/env";
import { formatDate, parsePageNumber } from "@/lib/site/format";
import { listSections } from "@/app/_lib/queries";
import styles from "./search.module.css";
import { pageMetadata, siteShareImage } from "@/app/_lib/metadata";
import { articlePath, searchPath, sectionPath } from "@/lib/site/paths";

export const metadata: Metadata = pageMetadata({
  title: "Search",
  shareTitle: `Search ${env.SITE_NAME}`,
  path: searchPath,
  image: siteShareImage(),
  robots: { index: false, follow: true },
});

const MAX_QUERY = 200;

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = (firstParam(params.q) ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY);
  const page = parsePageNumber(firstParam(params.page)) ?? 1;
  let results: Page<SearchHit> | null = null;
  if (query) results = await searchArticles(query, { page, pageSize: env.PAGE_SIZE });
  const sections = results && results.total > 0 ? [] : await listSections();

  const pageHref = (n: number) => `/search?${new URLSearchParams({ q: query, ...(n > 1 ? { page: String(n) } : {}) })}`;

  return (
    <div className="container">
      <h1 className="page-title">Search</h1>
      <form className={styles.form} action="/search" method="get" role="search">
        <label htmlFor="search-page-q" className="visually-hidden">
          Search articles
        </label>
        <input id="search-page-q" type="search" name="q" defaultValue={query} maxLength={MAX_QUERY} placeholder="Words, names, places…" />
        <button className="button" type="submit">
          Search
        </button>
      </form>

      <div aria-live="polite">
        {!query && (
          <div className={styles.help}>
            <p>Type a few words to search every article we have published. Some tips:</p>
            <ul>
              <li>Use quotes for an exact phrase: &quot;water tariff&quot;</li>
              <li>Put a minus before a word to leave it out: strike -rail</li>
              <li>Use OR for either word: theatre OR cinema</li>
            </ul>
          </div>
        )}
        {results && results.total === 0 && (
          <div className={styles.help}>
            <p>
              No articles match <strong>{query}</strong>. Try fewer or different words, check the spelling, or browse a section:
            </p>
          </div>
        )}
        {results && results.total > 0 && (
          <p className="meta">
            {results.total} {results.total === 1 ? "article matches" : "articles match"} <strong>{query}</strong>
            {results.pageCount > 1 && ` (page ${results.page} of ${results.pageCount})`}
          </p>
        )}
      </div>

      {sections.length > 0 && (
        <ul>
          {sections.map((s) => (
            <li key={s.slug}>
              <Link href={sectionPath(s.slug)}>{s.name}</Link>
            </li>
          ))}
        </ul>
      )}

      {results && results.items.length > 0 && (
        <ol className={styles.results}>
          {results.items.map((hit) => (
            <li key={hit.slug} className={styles.result}>
              <Link className="kicker" href={sectionPath(hit.section.slug)}>
                {hit.section.name}
              </Link>
              <h2>
                <Link href={articlePath(hit.slug)}>{hit.headline}</Link>
              </h2>
              <p className={styles.snippet} dangerouslySetInnerHTML={{ __html: hit.snippet }} />
              <p className="meta">
                <time dateTime={hit.publishedAt}>{formatDate(hit.publishedAt)}</time>
              </p>
            </li>
          ))}
        </ol>
      )}

      {results && results.pageCount > 1 && (
        <nav className={styles.pagination} aria-label="Search result pages">
          {results.page > 1 ? <Link href={pageHref(results.page - 1)}>← Previous</Link> : <span />}
          {results.page < results.pageCount ? <Link href={pageHref(results.page + 1)}>Next →</Link> : <span />}
        </nav>
      )}
    </div>
  );
}
