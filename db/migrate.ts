import path from "node:path";
import type { DatabaseHandle } from "./client";

const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Applies pending drizzle-kit migrations. Run once per deployment, before any app instance starts. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}
