import type { MetadataRoute } from "next";
import { env } from "@/lib/env";
import { listAuthors, listSections, listSlugs, listTagsInUse } from "./_lib/queries";
import { articlePath, authorPath, sectionPath, tagPath } from "@/lib/site/paths";

export const revalidate = 3600;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [articles, sections, tags, authors] = await Promise.all([listSlugs(), listSections(), listTagsInUse(), listAuthors()]);
  const url = (path: string) => `${env.SITE_URL}${path}`;
  return [
    { url: url("/"), changeFrequency: "hourly", priority: 1, lastModified: articles[0]?.lastModified },
    ...sections.map((s) => ({ url: url(sectionPath(s.slug)), changeFrequency: "hourly" as const, priority: 0.8 })),
    ...articles.map((a) => ({ url: url(articlePath(a.slug)), lastModified: a.lastModified, priority: 0.7 })),
    ...tags.map((t) => ({ url: url(tagPath(t.slug)), priority: 0.4 })),
    ...authors.map((a) => ({ url: url(authorPath(a.slug)), priority: 0.4 })),
  ];
}
