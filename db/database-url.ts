import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

/**
 * Which PostgreSQL server this process talks to, without opening a connection (the proxy's health
 * probe needs only this): DATABASE_URL, else the embedded server (db/embedded-postgres.ts). Reads
 * no environment itself, so a script can set DATABASE_URL after importing it.
 */

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable database URL)";
  }
}

/** DATABASE_URL, else the embedded server `npm start` runs (db/embedded-postgres.ts). */
export function databaseUrl(e: Pick<Env, "DATABASE_URL" | "EMBEDDED_DB_DIR" | "EMBEDDED_DB_PORT">): string {
  if (e.DATABASE_URL) return e.DATABASE_URL;
  const url = embeddedDatabaseUrl(e.EMBEDDED_DB_DIR, e.EMBEDDED_DB_PORT);
  if (!url) throw new DatabaseUnreachableError(`The embedded database in ${embeddedPaths(e.EMBEDDED_DB_DIR).dataDir} has not been created yet: run "npm start", or set DATABASE_URL.`);
  return url;
}

export class DatabaseUnreachableError extends Error {}

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_DATABASE = "masthead";

export type EmbeddedPaths = { dataDir: string; passwordFile: string; logFile: string };

export function embeddedPaths(dir: string): EmbeddedPaths {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ dir);
  const parent = path.dirname(/*turbopackIgnore: true*/ dataDir);
  const name = path.basename(dataDir);
  return { dataDir, passwordFile: path.join(parent, `${name}-password`), logFile: path.join(parent, `${name}.log`) };
}

/** The URL of the embedded server for this folder and port; undefined until it has been created. */
export function embeddedDatabaseUrl(dir: string, port: number, database = EMBEDDED_DATABASE): string | undefined {
  const { passwordFile } = embeddedPaths(dir);
  // turbopackIgnore: runtime data, not a source file the server bundle needs traced.
  if (!existsSync(/*turbopackIgnore: true*/ passwordFile)) return undefined;
  const password = readFileSync(/*turbopackIgnore: true*/ passwordFile, "utf8").trim();
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Whether a postmaster holds this data folder (its lock file names a live process). */
export function embeddedServerRunning(dir: string): boolean {
  const lock = path.join(/*turbopackIgnore: true*/ embeddedPaths(dir).dataDir, "postmaster.pid");
  try {
    const pid = Number(readFileSync(/*turbopackIgnore: true*/ lock, "utf8").split("\n")[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's (not ours to stop, still running).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

