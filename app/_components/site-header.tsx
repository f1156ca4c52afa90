import { IntentLink as Link } from "@/app/_components/intent-link";
import type { Section } from "@/db/schema";
import { env } from "@/lib/env";
import { SectionNav } from "./section-nav";
import styles from "./site-header.module.css";

export function SiteHeader({ sections }: { sections: Section[] }) {
  return (
    <header className={styles.header}>
      <div className={`container ${styles.top}`}>
        <Link href="/" className={styles.brand}>
          {env.SITE_NAME}
          <span className={styles.tagline}>Independent. Reader-funded. Ad-free.</span>
        </Link>
        <div className={styles.tools}>
          <form className={styles.search} action="/search" method="get" role="search">
            <label htmlFor="site-search" className="visually-hidden">
              Search articles
            </label>
            <input id="site-search" type="search" name="q" placeholder="Search" maxLength={200} />
            <button type="submit">Search</button>
          </form>
        </div>
      </div>
      <SectionNav sections={sections} />
    </header>
  );
}
