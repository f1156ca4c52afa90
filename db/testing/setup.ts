import { afterAll, beforeAll } from "vitest";

/**
 * Runs before each data-layer test file. On the `postgres` project it creates a database of its own
 * on the server (so files and runs never share state) and points DATABASE_URL at it before anything
 * reads the environment; on `pglite` the file gets a fresh in-memory PGlite.
 */
let dropDatabase: (() => Promise<void>) | undefined;

const adminUrl = process.env.TEST_DATABASE_URL;
if (process.env.TEST_DB_DRIVER === "postgres" && adminUrl) {
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `masthead_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
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
