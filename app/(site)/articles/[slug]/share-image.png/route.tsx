import { ImageResponse } from "next/og";
import { getArticle } from "@/app/_lib/queries";
import { env } from "@/lib/env";

import { SHARE_IMAGE_SIZE } from "@/lib/site/paths";

export const revalidate = 86400;
export const dynamicParams = true;

export async function generateStaticParams() {
  return [];
}

/**
 * The article's share card (OpenGraph, Twitter, the NewsArticle image) at a fixed address,
 * lib/site/paths.ts articleImagePath, so the URL written into metadata is the one that answers.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const article = await getArticle((await params).slug);
  if (!article) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const headline = article.headline;
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", background: "#fbfaf7", color: "#1a1a1a", padding: 72, borderTop: "24px solid #b3261e" }}>
        <div style={{ fontSize: 30, letterSpacing: 4, textTransform: "uppercase", color: "#b3261e", fontWeight: 700 }}>
          {article.section.name}
        </div>
        <div style={{ fontSize: headline.length > 90 ? 54 : 66, lineHeight: 1.1, fontWeight: 700 }}>{headline}</div>
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 28, color: "#555" }}>
          <span style={{ fontWeight: 700, color: "#1a1a1a" }}>{env.SITE_NAME}</span>
          <span>{article.authors.map((a) => a.name).join(", ")}</span>
        </div>
      </div>
    ),
    { ...SHARE_IMAGE_SIZE, headers: { "cache-control": "public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800" } },
  );
}
