import { shareCard } from "@/app/_components/share-card";
import { getArticle } from "@/app/_lib/queries";
import { ARTICLE_IMAGE_RATIOS, SHARE_IMAGE_FILE, SHARE_IMAGE_SIZE, type ArticleImageRatio } from "@/lib/site/paths";

export const revalidate = 86400;
export const dynamicParams = true;

export async function generateStaticParams() {
  return [];
}

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The size of each image name lib/site/paths.ts gives out (articleImagePath, articleRatioImagePath). */
function sizeOf(file: string): { width: number; height: number } | null {
  if (file === SHARE_IMAGE_FILE) return SHARE_IMAGE_SIZE;
  const ratio = /^image-(\d+x\d+)\.png$/.exec(file)?.[1];
  return ratio && ratio in ARTICLE_IMAGE_RATIOS ? ARTICLE_IMAGE_RATIOS[ratio as ArticleImageRatio] : null;
}

/**
 * The article's share card (OpenGraph, Twitter, feeds) and its images for search engines (NewsArticle
 * at 16:9, 4:3 and 1:1), at the fixed addresses written into metadata, so those URLs are the ones that answer.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; image: string }> }) {
  const { slug, image } = await params;
  const size = sizeOf(image);
  if (!size) return notFound();
  const article = await getArticle(slug);
  if (!article) return notFound();
  return shareCard({ kicker: article.section.name, title: article.headline, footer: article.authors.map((a) => a.name).join(", ") }, size);
}
