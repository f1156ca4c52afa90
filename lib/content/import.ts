import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { ImportReferenceError, upsertArticle, type ArticleImport } from "@/db/articles";
import { upsertAuthors, upsertSections } from "@/db/taxonomy";
import { authorFileSchema, formatIssues, frontMatterSchema, sectionFileSchema, tagName } from "./front-matter";
import { renderMarkdown, type ImageSize } from "./markdown";

export type ImportReport = {
  sections: number;
  authors: number;
  articles: { slug: string; file: string; result: "created" | "updated" }[];
  errors: { file: string; reason: string }[];
};

const publicDir = path.resolve(process.cwd(), "public");

/** Reads width/height from a local SVG so inline figures reserve their space. */
function localImageSize(src: string): ImageSize | undefined {
  if (!src.startsWith("/") || !src.endsWith(".svg")) return undefined;
  const file = path.join(publicDir, path.normalize(src));
  if (!file.startsWith(publicDir) || !existsSync(file)) return undefined;
  const head = readFileSync(file, "utf8").slice(0, 600);
  const width = /\bwidth="(\d+)"/.exec(head)?.[1];
  const height = /\bheight="(\d+)"/.exec(head)?.[1];
  return width && height ? { width: Number(width), height: Number(height) } : undefined;
}

async function listMarkdownFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md") && !/^readme\.md$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

type Parsed = { file: string; article: ArticleImport };

async function parseArticle(file: string, dir: string): Promise<Parsed | { file: string; reason: string }> {
  const rel = path.relative(dir, file);
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's by-content cache, which would share one result between identical files.
    parsed = matter(await readFile(file, "utf8"), {});
  } catch (error) {
    return { file: rel, reason: `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  if (!parsed.matter || Object.keys(parsed.data).length === 0) {
    return { file: rel, reason: "missing front matter (the file must start with a --- block)" };
  }
  const fm = frontMatterSchema.safeParse(parsed.data);
  if (!fm.success) return { file: rel, reason: formatIssues(fm.error) };
  if (parsed.content.trim().length === 0) return { file: rel, reason: "the article has no body" };
  const body = await renderMarkdown(parsed.content, { imageSize: localImageSize });
  const { data } = fm;
  return {
    file: rel,
    article: {
      slug: data.slug,
      headline: data.headline,
      dek: data.dek,
      sectionSlug: data.section,
      authorSlugs: [...new Set(data.authors)],
      tags: [...new Set(data.tags)].map((slug) => ({ slug, name: tagName(slug) })),
      status: data.status,
      bodySource: parsed.content,
      bodyHtml: body.html,
      bodyText: body.text,
      wordCount: body.wordCount,
      hero: data.hero
        ? {
            src: data.hero.src,
            alt: data.hero.alt,
            caption: data.hero.caption ?? null,
            credit: data.hero.credit ?? null,
            width: data.hero.width,
            height: data.hero.height,
          }
        : null,
      publishedAt: data.published,
      updatedAt: data.updated ?? null,
    },
  };
}

async function readYamlList(file: string): Promise<unknown> {
  return existsSync(file) ? parseYaml(await readFile(file, "utf8")) : [];
}

/**
 * Imports a content folder: sections.yaml, authors.yaml and every Markdown article below it.
 * Every bad file is reported with its reason; good articles are written one transaction each.
 */
export async function importContent(dir: string): Promise<ImportReport> {
  const root = path.resolve(dir);
  const report: ImportReport = { sections: 0, authors: 0, articles: [], errors: [] };

  const sectionsFile = path.join(root, "sections.yaml");
  const sectionList = sectionFileSchema.safeParse(await readYamlList(sectionsFile));
  if (!sectionList.success) report.errors.push({ file: "sections.yaml", reason: formatIssues(sectionList.error) });
  else {
    await upsertSections(sectionList.data);
    report.sections = sectionList.data.length;
  }

  const authorList = authorFileSchema.safeParse(await readYamlList(path.join(root, "authors.yaml")));
  if (!authorList.success) report.errors.push({ file: "authors.yaml", reason: formatIssues(authorList.error) });
  else {
    const defaultAvatar = (slug: string) => (existsSync(path.join(publicDir, "images/authors", `${slug}.svg`)) ? `/images/authors/${slug}.svg` : null);
    await upsertAuthors(authorList.data.map(({ avatar, ...a }) => ({ ...a, avatarSrc: avatar ?? defaultAvatar(a.slug) })));
    report.authors = authorList.data.length;
  }

  const parsed = await Promise.all((await listMarkdownFiles(root)).map((f) => parseArticle(f, root)));
  const filesBySlug = new Map<string, string[]>();
  for (const item of parsed) {
    if ("article" in item) filesBySlug.set(item.article.slug, [...(filesBySlug.get(item.article.slug) ?? []), item.file]);
  }
  for (const item of parsed) {
    if (!("article" in item)) {
      report.errors.push(item);
      continue;
    }
    // Two files claiming one slug: neither is imported, as either choice could publish the wrong text.
    const others = (filesBySlug.get(item.article.slug) ?? []).filter((f) => f !== item.file);
    if (others.length > 0) {
      report.errors.push({ file: item.file, reason: `duplicate slug "${item.article.slug}" (also used by ${others.join(", ")})` });
      continue;
    }
    try {
      const result = await upsertArticle(item.article);
      report.articles.push({ slug: item.article.slug, file: item.file, result });
    } catch (error) {
      if (!(error instanceof ImportReferenceError)) throw error;
      report.errors.push({ file: item.file, reason: error.message });
    }
  }
  return report;
}

export function printImportReport(report: ImportReport): void {
  const created = report.articles.filter((a) => a.result === "created").length;
  console.log(
    `Imported ${report.articles.length} article(s) (${created} new, ${report.articles.length - created} updated), ` +
      `${report.sections} section(s), ${report.authors} author(s).`,
  );
  for (const e of report.errors) console.error(`  ✗ ${e.file}: ${e.reason}`);
  if (report.errors.length) console.error(`${report.errors.length} file(s) were not imported.`);
}
