import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { runCli } from "./helpers";

test.describe.configure({ mode: "serial" });

const slug = `e2e-breaking-${Date.now().toString(36)}`;
// A unique tag and an old date keep this article out of the fronts other specs read in parallel.
const tag = `e2e-${Date.now().toString(36)}`;
const dir = mkdtempSync(path.join(tmpdir(), "masthead-e2e-content-"));
mkdirSync(path.join(dir, "articles"));

const writeArticle = (headline: string, author: string) =>
  writeFileSync(
    path.join(dir, "articles", `${slug}.md`),
    `---\nslug: ${slug}\nheadline: "${headline}"\ndek: "Filed during the end-to-end test."\nsection: politics\nauthors: [${author}]\ntags: [${tag}]\npublished: 2026-02-03T10:00:00Z\n---\nThe council met in an emergency session tonight.\n`,
  );

test("an imported article appears on the running site without a rebuild, and a correction replaces it", async ({ page, request }) => {
  // Any existing author will do: take one from the lead story's byline.
  await page.goto("/");
  await page.getByRole("region", { name: "Lead story" }).getByRole("heading").getByRole("link").click();
  const author = (await page.locator('a[rel="author"]').first().getAttribute("href"))!.split("/").pop()!;

  // Asked for before they exist, so the cached 404s must be replaced too.
  expect((await request.get(`/articles/${slug}`)).status()).toBe(404);
  expect((await request.get(`/tags/${tag}`)).status()).toBe(404);

  writeArticle("Emergency session called", author);
  const first = await runCli("scripts/content-import.ts", [dir]);
  expect(first.stdout).toContain("1 new");
  expect(first.stdout).toContain("The running site was told to refresh.");

  await expect.poll(async () => (await request.get(`/articles/${slug}`)).status(), { timeout: 10_000 }).toBe(200);
  await page.goto(`/tags/${tag}`);
  await expect(page.getByRole("link", { name: "Emergency session called" })).toBeVisible();

  writeArticle("Correction: emergency session postponed", author);
  const second = await runCli("scripts/content-import.ts", [dir]);
  expect(second.stdout).toContain("1 updated");
  await expect
    .poll(async () => (await (await request.get(`/articles/${slug}`)).text()).includes("Correction: emergency session postponed"), { timeout: 10_000 })
    .toBe(true);
});

test("a bad file is reported by name and the import exits non-zero", async () => {
  const bad = mkdtempSync(path.join(tmpdir(), "masthead-e2e-bad-"));
  writeFileSync(path.join(bad, "broken.md"), "no front matter here\n");
  const result = await runCli("scripts/content-import.ts", [bad]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain("broken.md: missing front matter");
});
