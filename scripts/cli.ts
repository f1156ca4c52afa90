import { assertDatabaseReachable, closeDatabase, DatabaseUnreachableError, getDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startDatabase } from "./local-services";
import { Supervisor } from "./supervisor";

/**
 * Opens the database (failing with one clear line), migrates it, runs `main`, and always closes it.
 * Without DATABASE_URL it uses the embedded server a running `npm start` serves, else starts that
 * server for the length of the command.
 */
export async function runWithDatabase(main: (handle: DatabaseHandle) => Promise<number | void>): Promise<void> {
  const supervisor = new Supervisor({ log: (line) => console.error(line), signalExitCode: 130 });
  let code = 0;
  try {
    await startDatabase(supervisor, () => {}, { shared: true });
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
  await supervisor.stop(code);
}
