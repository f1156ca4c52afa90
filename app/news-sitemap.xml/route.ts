import { listPublishedSince } from "@/app/_lib/queries";
import { env } from "@/lib/env";
import { conditionalResponse } from "@/lib/site/conditional-get";
import { renderNewsSitemap } from "@/lib/site/feeds";
import { SITE_LANGUAGE } from "@/lib/site/identity";
import { articlePath } from "@/lib/site/paths";

// Rendered per request from cached reads, so that it can answer a conditional GET with 304; the
// 48-hour window moves with the clock (the read is keyed by the hour).
export const dynamic = "force-dynamic";

const WINDOW_MS = 48 * 3600 * 1000;

export async function GET(request: Request) {
  const recent = await listPublishedSince(new Date(Date.now() - WINDOW_MS));
  const body = renderNewsSitemap(
    env.SITE_NAME,
    SITE_LANGUAGE,
    recent.map((a) => ({ url: `${env.SITE_URL}${articlePath(a.slug)}`, title: a.headline, publishedAt: a.publishedAt })),
    `${env.SITE_URL}/`,
  );
  const newest = recent.map((a) => Date.parse(a.updatedAt ?? a.publishedAt)).reduce((a, b) => Math.max(a, b), 0);
  return conditionalResponse(request, { body, contentType: "application/xml; charset=utf-8", lastModified: newest ? new Date(newest) : undefined, sMaxAge: 600 });
}
