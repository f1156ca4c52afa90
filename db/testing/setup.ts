import { afterAll, beforeAll, inject } from "vitest";
import { createScratchDatabase } from "./scratch-database";

/**
 * Runs before each data-layer test file: a database of its own on the project's server (the
 * embedded one started by embedded-server.global.ts, or TEST_DATABASE_URL), so files and runs never
 * share state, with DATABASE_URL pointed at it before anything reads the environment.
 */
const adminUrl = process.env.TEST_DB_SERVER === "postgres" ? process.env.TEST_DATABASE_URL : inject("adminDatabaseUrl");
if (!adminUrl) throw new Error("No database server for the data-layer tests.");
const scratch = await createScratchDatabase(adminUrl, `masthead_test_${process.pid}`);
process.env.DATABASE_URL = scratch.url;

beforeAll(async () => {
  const { getDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(await getDatabase());
});

afterAll(async () => {
  const { closeDatabase } = await import("@/db/client");
  await closeDatabase();
  await scratch.drop();
});
