import path from "node:path";
import { countArticles } from "@/db/articles";
import { importContent, printImportReport } from "@/lib/content/import";
import { runWithDatabase } from "./cli";

const SAMPLE_CONTENT = path.resolve(process.cwd(), "db/seed/content");

await runWithDatabase(async () => {
  const force = process.argv.includes("--force");
  if (!force && (await countArticles()) > 0) {
    console.log("The database already has articles; not seeding (pass --force to re-import the samples).");
    return 0;
  }
  const report = await importContent(SAMPLE_CONTENT);
  printImportReport(report);
  return report.errors.length > 0 ? 1 : 0;
});
