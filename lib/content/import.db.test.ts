import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countArticles, getArticleBySlug } from "@/db/articles";
import { importContent } from "./import";

function contentDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-content-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const taxonomy = {
  "sections.yaml": "- slug: politics\n  name: Politics\n- slug: culture\n  name: Culture\n",
  "authors.yaml": "- slug: ana\n  name: Ana Lind\n- slug: bo\n  name: Bo Reyes\n",
};

const article = (slug: string, extra = "", body = "Some body text.") =>
  `---\nslug: ${slug}\nheadline: "Headline of ${slug}"\nsection: politics\nauthors: [ana]\ntags: [courts, budget]\npublished: 2026-11-20T08:00:00Z\n${extra}---\n${body}\n`;

describe("importContent", () => {
  it("imports, then re-imports as updates without duplicating anything", async () => {
    const dir = contentDir({ ...taxonomy, "articles/a.md": article("imp-a"), "articles/b.md": article("imp-b") });
    const first = await importContent(dir);
    expect(first.errors).toEqual([]);
    expect(first.articles.map((a) => a.result)).toEqual(["created", "created"]);
    const count = await countArticles();

    const second = await importContent(dir);
    expect(second.articles.map((a) => a.result)).toEqual(["updated", "updated"]);
    expect(await countArticles()).toBe(count);
    expect((await getArticleBySlug("imp-a"))?.tags.map((t) => t.slug).sort()).toEqual(["budget", "courts"]);
  });

  it("applies an update: new headline, tags replaced, authors reordered", async () => {
    const dir = contentDir({ ...taxonomy, "articles/c.md": article("imp-c") });
    await importContent(dir);
    writeFileSync(
      path.join(dir, "articles/c.md"),
      `---\nslug: imp-c\nheadline: Corrected headline\nsection: culture\nauthors: [bo, ana]\ntags: [theatre]\npublished: 2026-11-20T08:00:00Z\nupdated: 2026-11-21T08:00:00Z\n---\nFixed.\n`,
    );
    await importContent(dir);
    const a = await getArticleBySlug("imp-c");
    expect(a?.headline).toBe("Corrected headline");
    expect(a?.section.slug).toBe("culture");
    expect(a?.authors.map((x) => x.slug)).toEqual(["bo", "ana"]);
    expect(a?.tags.map((t) => t.slug)).toEqual(["theatre"]);
    expect(a?.updatedAt).toBe("2026-11-21T08:00:00.000Z");
  });

  it("names every bad file with its reason and writes none of them", async () => {
    const dir = contentDir({
      ...taxonomy,
      "articles/good.md": article("imp-good"),
      "articles/no-front-matter.md": "Just text, no front matter.\n",
      "articles/dup-a.md": article("imp-dup"),
      "articles/dup-b.md": article("imp-dup"),
      "articles/bad-section.md": article("imp-bad-section").replace("section: politics", "section: sport"),
      "articles/bad-author.md": article("imp-bad-author").replace("authors: [ana]", "authors: [ana, nobody]"),
      "articles/bad-date.md": article("imp-bad-date").replace("2026-11-20T08:00:00Z", "the day after tomorrow"),
      "articles/bad-yaml.md": "---\nslug: [unclosed\n---\nBody\n",
      "articles/empty-body.md": article("imp-empty", "", ""),
    });
    const before = await countArticles();
    const report = await importContent(dir);
    expect(report.articles.map((a) => a.slug)).toEqual(["imp-good"]);
    const reasons = Object.fromEntries(report.errors.map((e) => [e.file, e.reason]));
    expect(reasons).toEqual({
      "articles/no-front-matter.md": expect.stringMatching(/missing front matter/),
      "articles/dup-a.md": 'duplicate slug "imp-dup" (also used by articles/dup-b.md)',
      "articles/dup-b.md": 'duplicate slug "imp-dup" (also used by articles/dup-a.md)',
      "articles/bad-section.md": 'unknown section "sport"',
      "articles/bad-author.md": 'unknown author "nobody"',
      "articles/bad-date.md": expect.stringMatching(/^published: /),
      "articles/bad-yaml.md": expect.stringMatching(/not valid YAML/),
      "articles/empty-body.md": "the article has no body",
    });
    expect(await countArticles()).toBe(before + 1);
    for (const slug of ["imp-dup", "imp-bad-section", "imp-bad-author", "imp-bad-date", "imp-empty"]) {
      expect(await getArticleBySlug(slug)).toBeNull();
    }
  });

  it("stores a hostile article inert", async () => {
    const dir = contentDir({
      ...taxonomy,
      "articles/x.md": article("imp-xss", "", '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))'),
    });
    await importContent(dir);
    const html = (await getArticleBySlug("imp-xss"))?.bodyHtml ?? "";
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it("reports a broken sections.yaml instead of crashing", async () => {
    const dir = contentDir({ "sections.yaml": "- slug: Not A Slug\n", "authors.yaml": taxonomy["authors.yaml"] });
    const report = await importContent(dir);
    expect(report.errors[0]).toEqual({ file: "sections.yaml", reason: expect.stringMatching(/^0\.slug: /) });
  });
});
