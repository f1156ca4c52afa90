import { runWithDatabase } from "./cli";

await runWithDatabase(async (handle) => {
  console.log(`Migrated ${handle.label}`);
});
