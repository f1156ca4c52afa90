import type { MetadataRoute } from "next";
import { env } from "@/lib/env";
import { listAuthors, listSections, listSlugs, listTagsInUse } from "./_lib/queries";

export const revalidate = 3600;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [articles, sections, tags, authors] = await Promise.all([listSlugs(), listSections(), listTagsInUse(), listAuthors()]);
  const url = (path: string) => `${env.SITE_URL}${path}`;
  return [
    { url: url("/"), changeFrequency: "hourly", priority: 1, lastModified: articles[0]?.lastModified },
    ...sections.map((s) => ({ url: url(`/sections/${s.slug}`), changeFrequency: "hourly" as const, priority: 0.8 })),
    ...articles.map((a) => ({ url: url(`/articles/${a.slug}`), lastModified: a.lastModified, priority: 0.7 })),
    ...tags.map((t) => ({ url: url(`/tags/${t.slug}`), priority: 0.4 })),
    ...authors.map((a) => ({ url: url(`/authors/${a.slug}`), priority: 0.4 })),
  ];
}
