import { IntentLink as Link } from "@/app/_components/intent-link";
import { env } from "@/lib/env";
import styles from "./site-footer.module.css";
import { managePath, searchPath, siteFeedPath, sitemapPath } from "@/lib/site/paths";

export function SiteFooter() {
  return (
    <footer className={styles.footer}>
      <div className="container">
        <p className={styles.adfree}>
          {env.SITE_NAME} is ad-free and reader-funded: no advertisers, no trackers, no paywall. Our readers pay for it.
        </p>
        <ul>
          <li>
            <Link href={searchPath}>Search</Link>
          </li>
          <li>
            <a href={managePath}>Manage your gift</a>
          </li>
          <li>
            <a href={siteFeedPath}>RSS feed</a>
          </li>
          <li>
            <a href={sitemapPath}>Sitemap</a>
          </li>
        </ul>
        <p>© {new Date().getFullYear()} {env.SITE_NAME}. Original reporting; sample content written for this project.</p>
      </div>
    </footer>
  );
}
