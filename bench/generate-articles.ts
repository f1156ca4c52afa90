import { generateArticles } from "@/db/seed/generate";
import { runWithDatabase } from "@/scripts/cli";

const count = Number(process.argv[2] ?? 1000);
await runWithDatabase(async () => {
  const started = performance.now();
  await generateArticles(count);
  console.log(`Generated ${count} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
