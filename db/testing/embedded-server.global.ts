import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { Supervisor } from "../../scripts/supervisor";
import { startEmbeddedPostgres } from "../embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

/**
 * The `embedded` project's one PostgreSQL server: the embedded server `npm start` runs, in a
 * throwaway folder on a free port, started once for the run. Each test file makes its own database
 * on it (setup.ts), as the `postgres` project does on TEST_DATABASE_URL.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(path.join(tmpdir(), "masthead-test-db-"));
  chmodSync(root, 0o755); // under root the server runs as the postgres account, which must reach its folder
  const { createServer } = await import("node:net");
  const port = await new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once("error", reject);
  });
  // Only the watchdog: if the test runner is killed, the server goes with it.
  const supervisor = new Supervisor({ handleSignals: false });
  const server = await startEmbeddedPostgres({ dir: path.join(root, "postgres"), port, onSpawn: (child, signal) => supervisor.adopt("the test database", child, signal, { oneShot: true }) });
  project.provide("adminDatabaseUrl", server.adminUrl);
  return async () => {
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
