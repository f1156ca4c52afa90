import { renderMarkdown } from "@/lib/content/markdown";
import { upsertArticle, type ArticleImport } from "@/db/articles";
import { listAuthors, listSections } from "@/db/taxonomy";
import { runWithDatabase } from "@/scripts/cli";

const WORDS =
  "council budget river harbour court school theatre strike tariff ministry election reform housing clinic railway archive festival drought export wage pension bridge tram museum library factory union report audit minister mayor".split(
    " ",
  );

/** Deterministic filler articles for load and build benchmarks; never part of the sample content. */
async function generateArticles(count: number, { startFrom = 0 } = {}): Promise<number> {
  const [sections, authors] = await Promise.all([listSections(), listAuthors()]);
  if (sections.length === 0 || authors.length === 0) throw new Error("Import the sample content first: generated articles reuse its sections and authors.");
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, word).join(" ");
  const paragraph = () => Array.from({ length: 5 }, () => `${sentence(12)}.`).join(" ");
  // One body shared by all: rendering cost is not what these benchmarks measure.
  const body = Array.from({ length: 8 }, (_, i) => (i % 3 === 2 ? `## ${sentence(4)}\n\n${paragraph()}` : paragraph())).join("\n\n");
  const rendered = await renderMarkdown(body);
  const base = Date.UTC(2026, 0, 1);
  for (let i = startFrom; i < startFrom + count; i++) {
    const section = sections[i % sections.length]!;
    const author = authors[i % authors.length]!;
    const article: ArticleImport = {
      slug: `generated-${i + 1}`,
      headline: `${sentence(7)} (${i + 1})`,
      dek: `${sentence(14)}.`,
      sectionSlug: section.slug,
      authorSlugs: [author.slug],
      tags: [{ slug: `topic-${word()}`, name: "Generated topic" }],
      status: "published",
      bodySource: body,
      bodyHtml: rendered.html,
      bodyText: rendered.text,
      wordCount: rendered.wordCount,
      hero: null,
      publishedAt: new Date(base + i * 60_000),
      updatedAt: null,
    };
    await upsertArticle(article);
  }
  return count;
}

const count = Number(process.argv[2] ?? 1000);
await runWithDatabase(async () => {
  const started = performance.now();
  await generateArticles(count);
  console.log(`Generated ${count} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
