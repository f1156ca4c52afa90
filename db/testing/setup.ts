import { afterAll, beforeAll } from "vitest";

/**
 * Runs before each data-layer test file. On the `postgres` project it creates a database of its own
 * on the server (so files and runs never share state) and points DATABASE_URL at it before anything
 * reads the environment; on `pglite` the file gets a fresh in-memory PGlite.
 */
let dropDatabase: (() => Promise<void>) | undefined;

const adminUrl = process.env.TEST_DATABASE_URL;
if (process.env.TEST_DB_DRIVER === "postgres" && adminUrl) {
  const { createScratchDatabase } = await import("./scratch-database");
  const scratch = await createScratchDatabase(adminUrl, `masthead_test_${process.pid}`);
  process.env.DATABASE_URL = scratch.url;
  dropDatabase = scratch.drop;
}

beforeAll(async () => {
  const { getDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(await getDatabase());
});

afterAll(async () => {
  const { closeDatabase } = await import("@/db/client");
  await closeDatabase();
  await dropDatabase?.();
});
