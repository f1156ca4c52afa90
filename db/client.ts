import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { databaseUrl, DatabaseUnreachableError, redactUrl } from "./database-url";
import * as schema from "./schema";

export { databaseUrl, DatabaseUnreachableError, redactUrl } from "./database-url";

export type Database = PostgresJsDatabase<typeof schema>;

export type DatabaseHandle = {
  db: Database;
  /** The driver under `db`, for the rare library that brings its own SQL (the job queue). */
  client: postgres.Sql;
  /** Where the data lives, with any password removed: safe to print. */
  label: string;
  close: () => Promise<void>;
};

export async function openDatabase(url: string = databaseUrl(env), opts: { max?: number } = {}): Promise<DatabaseHandle> {
  const client = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, connect_timeout: 10, idle_timeout: 30 });
  return {
    db: drizzle(client, { schema, casing: "snake_case" }),
    client,
    label: redactUrl(url),
    close: () => client.end({ timeout: 5 }),
  };
}

const globalForDb = globalThis as unknown as { mastheadDb?: Promise<DatabaseHandle> };

/** The process's one database handle, opened on first use. */
export function getDatabase(): Promise<DatabaseHandle> {
  globalForDb.mastheadDb ??= (async () => openDatabase())().catch((error: unknown) => {
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
    // Drizzle wraps the driver's error ("Failed query: select 1"); the reason is in its cause.
    const e = ((error as { cause?: unknown }).cause ?? error) as NodeJS.ErrnoException;
    const reason = e.code && !e.message.includes(e.code) ? `${e.code} ${e.message}` : e.message;
    throw new DatabaseUnreachableError(`Cannot reach the database at ${handle.label}: ${reason || e.code || "unknown error"}`);
  }
}
