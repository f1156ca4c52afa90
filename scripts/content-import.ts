import { importContent, printImportReport } from "@/lib/content/import";
import { requestRevalidation } from "@/lib/site/revalidate-client";
import { runWithDatabase } from "./cli";

const dir = process.argv[2];
if (!dir) {
  console.error("Usage: npm run content:import -- <folder with Markdown articles>");
  process.exit(2);
}

await runWithDatabase(async () => {
  const report = await importContent(dir);
  printImportReport(report);
  if (report.articles.length > 0) {
    const outcome = await requestRevalidation({ slugs: report.articles.map((a) => a.slug) });
    console.log(outcome.ok ? "The running site was told to refresh." : `Site not refreshed: ${outcome.reason}.`);
  }
  return report.errors.length > 0 ? 1 : 0;
});
