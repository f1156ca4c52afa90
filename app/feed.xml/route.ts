import { listLatest } from "@/app/_lib/queries";
import { env } from "@/lib/env";
import { renderRss } from "@/lib/site/feeds";
import { siteFeedPath } from "@/lib/site/paths";

export const revalidate = 300;

export async function GET() {
  const latest = await listLatest(1, 30);
  const xml = renderRss(
    { title: env.SITE_NAME, description: env.SITE_DESCRIPTION, siteUrl: env.SITE_URL, feedUrl: `${env.SITE_URL}${siteFeedPath}` },
    latest.items,
  );
  return new Response(xml, { headers: { "content-type": "application/rss+xml; charset=utf-8" } });
}
