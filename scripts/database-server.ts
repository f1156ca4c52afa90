import { createServer } from "node:net";
import { embeddedPaths } from "@/db/database-url";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";
import { Supervisor } from "./supervisor";

export type DatabaseServer = { adminUrl: string; label: string; stop: () => Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once("error", reject);
  });
}

/**
 * The PostgreSQL server a benchmark makes its scratch databases on: BENCH_DATABASE_URL or
 * TEST_DATABASE_URL, else an embedded server of its own in `dir` (supervised: it stops with us).
 */
export async function databaseServerForRun(dir: string): Promise<DatabaseServer> {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (url) return { adminUrl: url, label: "PostgreSQL server", stop: async () => {} };
  const supervisor = new Supervisor({ signalExitCode: 130 });
  const server = await startEmbeddedPostgres({ dir, port: await freePort(), onSpawn: (child, signal) => supervisor.adopt("the embedded database", child, signal, { oneShot: true }) });
  return { adminUrl: server.adminUrl, label: `embedded PostgreSQL (${embeddedPaths(dir).dataDir})`, stop: () => server.stop() };
}
