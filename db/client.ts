import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /** Where the data lives, with any password removed: safe to print. */
  label: string;
  close: () => Promise<void>;
};

/** Written by the start command while it serves the embedded database to other processes. */
// turbopackIgnore: these are runtime data paths, not source files the server bundle needs traced.
export const embeddedServerFile = (pgliteDir: string) =>
  path.join(/*turbopackIgnore: true*/ path.dirname(path.resolve(/*turbopackIgnore: true*/ pgliteDir)), "embedded-db.json");

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable database URL)";
  }
}

function runningEmbeddedServerUrl(pgliteDir: string): string | undefined {
  const file = embeddedServerFile(pgliteDir);
  if (!existsSync(file)) return undefined;
  try {
    const { pid, url } = JSON.parse(readFileSync(file, "utf8")) as { pid: number; url: string };
    process.kill(pid, 0);
    return url;
  } catch {
    return undefined;
  }
}

export type DatabaseTarget = { kind: "url"; url: string; embedded?: boolean } | { kind: "pglite"; dir: string };

/**
 * DATABASE_URL wins; else the embedded database served by a running start command (PGlite is a
 * one-process database, so a second process must go through that server); else PGlite in-process.
 */
export function resolveDatabaseTarget(e: Pick<typeof env, "DATABASE_URL" | "PGLITE_DIR"> = env): DatabaseTarget {
  if (e.DATABASE_URL) return { kind: "url", url: e.DATABASE_URL };
  const embedded = runningEmbeddedServerUrl(e.PGLITE_DIR);
  if (embedded) return { kind: "url", url: embedded, embedded: true };
  return { kind: "pglite", dir: e.PGLITE_DIR };
}

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
