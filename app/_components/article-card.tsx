import { IntentLink as Link } from "@/app/_components/intent-link";
import type { ArticleCard as Card } from "@/db/articles";
import { formatDate } from "@/lib/site/format";
import { Byline } from "./byline";
import styles from "./article-card.module.css";
import { articlePath, sectionPath } from "@/lib/site/paths";

type Props = { article: Card; variant?: "lead" | "standard" | "compact"; headingLevel?: 2 | 3; eager?: boolean };

export function ArticleCard({ article, variant = "standard", headingLevel = 3, eager = false }: Props) {
  const Heading = variant === "lead" ? "h2" : headingLevel === 2 ? "h2" : "h3";
  const href = articlePath(article.slug);
  return (
    <article className={`${styles.card} ${variant !== "standard" ? styles[variant] : ""}`}>
      {article.hero && (
        <Link href={href} tabIndex={-1} aria-hidden="true">
          <img
            src={article.hero.src}
            alt=""
            width={article.hero.width}
            height={article.hero.height}
            loading={eager ? "eager" : "lazy"}
            fetchPriority={eager ? "high" : undefined}
            decoding="async"
          />
        </Link>
      )}
      <div>
        <Link className="kicker" href={sectionPath(article.section.slug)}>
          {article.section.name}
        </Link>
        <Heading className={styles.headline}>
          <Link href={href}>{article.headline}</Link>
        </Heading>
        {variant !== "compact" && article.dek && <p className={styles.dek}>{article.dek}</p>}
        <p className="meta">
          <Byline authors={article.authors} linked={false} /> · <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
        </p>
      </div>
    </article>
  );
}
