import { ImageResponse } from "next/og";
import { getArticle } from "@/app/_lib/queries";
import { env } from "@/lib/env";

export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "Article headline";
export const revalidate = 86400;

export default async function OpenGraphImage({ params }: { params: Promise<{ slug: string }> }) {
  const article = await getArticle((await params).slug);
  const headline = article?.headline ?? env.SITE_NAME;
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", background: "#fbfaf7", color: "#1a1a1a", padding: 72, borderTop: "24px solid #b3261e" }}>
        <div style={{ fontSize: 30, letterSpacing: 4, textTransform: "uppercase", color: "#b3261e", fontWeight: 700 }}>
          {article?.section.name ?? "News"}
        </div>
        <div style={{ fontSize: headline.length > 90 ? 54 : 66, lineHeight: 1.1, fontWeight: 700 }}>{headline}</div>
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 28, color: "#555" }}>
          <span style={{ fontWeight: 700, color: "#1a1a1a" }}>{env.SITE_NAME}</span>
          <span>{article ? article.authors.map((a) => a.name).join(", ") : "Independent, reader-funded"}</span>
        </div>
      </div>
    ),
    size,
  );
}
