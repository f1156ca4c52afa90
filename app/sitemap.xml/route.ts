import { listAuthors, listSections, listSlugs, listTagsInUse } from "@/app/_lib/queries";
import { env } from "@/lib/env";
import { conditionalResponse } from "@/lib/site/conditional-get";
import { renderSitemap } from "@/lib/site/feeds";
import { articlePath, authorPath, homePath, sectionPath, tagPath } from "@/lib/site/paths";

// Rendered per request from cached reads, so that it can answer a conditional GET with 304.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const [articles, sections, tags, authors] = await Promise.all([listSlugs(), listSections(), listTagsInUse(), listAuthors()]);
  const url = (path: string) => `${env.SITE_URL}${path === homePath ? "/" : path}`;
  const newest = articles.reduce<string | undefined>((latest, a) => (!latest || a.lastModified > latest ? a.lastModified : latest), undefined);
  const body = renderSitemap([
    { url: url(homePath), lastModified: newest },
    ...sections.map((s) => ({ url: url(sectionPath(s.slug)) })),
    ...articles.map((a) => ({ url: url(articlePath(a.slug)), lastModified: a.lastModified })),
    ...tags.map((t) => ({ url: url(tagPath(t.slug)) })),
    ...authors.map((a) => ({ url: url(authorPath(a.slug)) })),
  ]);
  return conditionalResponse(request, { body, contentType: "application/xml; charset=utf-8", lastModified: newest ? new Date(newest) : undefined, sMaxAge: 600 });
}
