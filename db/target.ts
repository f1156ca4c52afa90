import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

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

