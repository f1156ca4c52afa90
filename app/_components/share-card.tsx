import { ImageResponse } from "next/og";
import { env } from "@/lib/env";

export type ShareCardText = { kicker: string; title: string; footer?: string };

const CACHE = "public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800";

/**
 * The site's generated raster cards (next/og): the share card of every page kind and the article's
 * images for search engines, in the masthead's colours, sized to what each consumer asks for.
 */
export function shareCard({ kicker, title, footer }: ShareCardText, size: { width: number; height: number }): ImageResponse {
  const scale = size.width / 1200;
  const long = title.length > 90;
  const tall = size.height / size.width > 0.7;
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", background: "#fbfaf7", color: "#1a1a1a", padding: 72 * scale, borderTop: `${24 * scale}px solid #b3261e` }}>
        <div style={{ fontSize: 30 * scale, letterSpacing: 4, textTransform: "uppercase", color: "#b3261e", fontWeight: 700 }}>{kicker}</div>
        <div style={{ fontSize: (long ? 54 : 66) * scale * (tall ? 1.15 : 1), lineHeight: 1.1, fontWeight: 700 }}>{title}</div>
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 28 * scale, color: "#555" }}>
          <span style={{ fontWeight: 700, color: "#1a1a1a" }}>{env.SITE_NAME}</span>
          <span>{footer ?? "Independent. Reader-funded. Ad-free."}</span>
        </div>
      </div>
    ),
    { ...size, headers: { "cache-control": CACHE } },
  );
}

/** The publisher's square logo: the masthead's initial on its red. */
export function logoImage(size: { width: number; height: number }): ImageResponse {
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", alignItems: "center", justifyContent: "center", background: "#b3261e", color: "#fbfaf7", fontSize: size.height * 0.62, fontWeight: 700 }}>
        {env.SITE_NAME.slice(0, 1).toUpperCase()}
      </div>
    ),
    { ...size, headers: { "cache-control": CACHE } },
  );
}
