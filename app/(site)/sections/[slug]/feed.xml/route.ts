import { getSection, listBySection, listSections } from "@/app/_lib/queries";
import { env } from "@/lib/env";
import { renderRss } from "@/lib/site/feeds";
import { sectionFeedPath } from "@/lib/site/paths";

export const revalidate = 300;

export async function generateStaticParams() {
  return (await listSections()).map((s) => ({ slug: s.slug }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const section = await getSection(slug);
  if (!section) return new Response("No such section.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const page = await listBySection(section.id, 1, 30);
  const xml = renderRss(
    {
      title: `${env.SITE_NAME}: ${section.name}`,
      description: section.description || env.SITE_DESCRIPTION,
      siteUrl: env.SITE_URL,
      feedUrl: `${env.SITE_URL}${sectionFeedPath(section.slug)}`,
    },
    page.items,
  );
  return new Response(xml, { headers: { "content-type": "application/rss+xml; charset=utf-8" } });
}
