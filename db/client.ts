import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { redactUrl, resolveDatabaseTarget, type DatabaseTarget } from "./target";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /** Where the data lives, with any password removed: safe to print. */
  label: string;
  close: () => Promise<void>;
};

export { embeddedServerFile, redactUrl, resolveDatabaseTarget, type DatabaseTarget } from "./target";

export async function openDatabase(target: DatabaseTarget = resolveDatabaseTarget(), opts: { max?: number } = {}): Promise<DatabaseHandle> {
  if (target.kind === "url") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(target.url, {
      max: opts.max ?? (target.embedded ? 4 : 10),
      // The embedded server is one shared session: named statements from several clients would collide.
      prepare: !target.embedded,
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 30,
    });
    return {
      db: drizzle(client, { schema, casing: "snake_case" }) as unknown as Database,
      driver: "postgres",
      label: redactUrl(target.url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const memory = target.dir.startsWith("memory://");
  const dir = path.resolve(/*turbopackIgnore: true*/ target.dir);
  if (!memory) mkdirSync(dir, { recursive: true });
  const client = memory ? new PGlite() : new PGlite(dir);
  await client.waitReady;
  return {
    db: drizzle(client, { schema, casing: "snake_case" }) as unknown as Database,
    driver: "pglite",
    label: memory ? "PGlite (in memory)" : `PGlite at ${dir}`,
    close: () => client.close(),
  };
}

const globalForDb = globalThis as unknown as { mastheadDb?: Promise<DatabaseHandle> };

/** The process's one database handle, opened on first use. */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.mastheadDb ??= openDatabase().catch((error: unknown) => {
    globalForDb.mastheadDb = undefined;
    throw error;
  });
  return globalForDb.mastheadDb;
}

export async function db(): Promise<Database> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.mastheadDb;
  globalForDb.mastheadDb = undefined;
  if (handle) await (await handle).close();
}

/** Fails with one readable line naming the database and the reason when it cannot be reached. */
export async function assertDatabaseReachable(handle: DatabaseHandle): Promise<void> {
  const { sql } = await import("drizzle-orm");
  try {
    await handle.db.execute(sql`select 1`);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code && !e.message.includes(e.code) ? `${e.code} ${e.message}` : e.message;
    throw new DatabaseUnreachableError(`Cannot reach the database at ${handle.label}: ${reason || e.code || "unknown error"}`);
  }
}

export class DatabaseUnreachableError extends Error {}
