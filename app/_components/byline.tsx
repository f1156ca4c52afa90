import { IntentLink as Link } from "@/app/_components/intent-link";
import type { ArticleCard } from "@/db/articles";
import { authorPath } from "@/lib/site/paths";

export function Byline({ authors, linked = true }: { authors: ArticleCard["authors"]; linked?: boolean }) {
  if (authors.length === 0) return null;
  return (
    <span>
      By{" "}
      {authors.map((a, i) => (
        <span key={a.slug}>
          {i > 0 && (i === authors.length - 1 ? " and " : ", ")}
          {linked ? <Link href={authorPath(a.slug)} rel="author">{a.name}</Link> : a.name}
        </span>
      ))}
    </span>
  );
}
