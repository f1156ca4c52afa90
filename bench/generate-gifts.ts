/**
 * Fills the ledger with generated gifts for benchmarks and for trying the staff pages:
 * npx tsx bench/generate-gifts.ts [count=100000] (against DATABASE_URL, or the embedded database).
 */
import { generateGifts } from "@/db/seed/generate-gifts";
import { runWithDatabase } from "@/scripts/cli";

const count = Number(process.argv[2] ?? 100_000);
await runWithDatabase(async () => {
  const started = performance.now();
  const made = await generateGifts(count);
  console.log(
    `Generated ${made.gifts} gifts (${made.subscriptions} subscriptions, ${made.supporters} supporters, ${made.refunds} refunds, ${made.disputes} disputes) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
});
