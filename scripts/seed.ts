import { countArticles } from "@/db/articles";
import { SAMPLE_CONTENT_DIR } from "@/db/seed/sample-content";
import { importContent, printImportReport } from "@/lib/content/import";
import { runWithDatabase } from "./cli";

await runWithDatabase(async () => {
  const force = process.argv.includes("--force");
  if (!force && (await countArticles()) > 0) {
    console.log("The database already has articles; not seeding (pass --force to re-import the samples).");
    return 0;
  }
  const report = await importContent(SAMPLE_CONTENT_DIR);
  printImportReport(report);
  return report.errors.length > 0 ? 1 : 0;
});
