import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import type { DatabaseHandle } from "./client";
import { migrateJobQueue } from "./job-queue";

const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Applies pending drizzle-kit migrations. Run once per deployment, before any app instance starts. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await migrate(handle.db, { migrationsFolder });
  await migrateJobQueue(handle);
}
