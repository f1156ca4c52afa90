import { assertDatabaseReachable, closeDatabase, DatabaseUnreachableError, getDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

/** Opens the database (failing with one clear line), migrates it, runs `main`, and always closes it. */
export async function runWithDatabase(main: (handle: DatabaseHandle) => Promise<number | void>): Promise<void> {
  let code = 0;
  try {
    const handle = await getDatabase();
    await assertDatabaseReachable(handle);
    await migrateDatabase(handle);
    code = (await main(handle)) ?? 0;
  } catch (error) {
    console.error(error instanceof DatabaseUnreachableError ? error.message : error);
    code = 1;
  } finally {
    await closeDatabase().catch(() => {});
  }
  process.exit(code);
}
