import { listPublishedSince } from "@/app/_lib/queries";
import { env } from "@/lib/env";
import { renderNewsSitemap } from "@/lib/site/feeds";
import { articlePath } from "@/lib/site/paths";

// The 48-hour window moves with the clock, so this is refreshed on a timer as well as on import.
export const revalidate = 600;

const WINDOW_MS = 48 * 3600 * 1000;

export async function GET() {
  const recent = await listPublishedSince(new Date(Date.now() - WINDOW_MS));
  const xml = renderNewsSitemap(
    env.SITE_NAME,
    recent.map((a) => ({ url: `${env.SITE_URL}${articlePath(a.slug)}`, title: a.headline, publishedAt: a.publishedAt })),
  );
  return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8" } });
}
