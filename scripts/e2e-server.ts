/**
 * Starts the site for Playwright on a database of its own: a fresh database on the PostgreSQL
 * server named by TEST_DATABASE_URL (loopback only), or else a fresh embedded PostgreSQL folder.
 * Writes e2e/.server-env.json so specs can run the CLI (content import) against the same database.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "@/db/testing/scratch-database";

const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.resolve(".data/e2e");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const serverEnv: Record<string, string> = {
  PORT: String(port),
  SITE_URL: `http://127.0.0.1:${port}`,
  EMBEDDED_DB_DIR: path.join(dataDir, "postgres"),
  EMBEDDED_DB_PORT: String(port + 20000),
  STRIPE_EMULATOR_PORT: String(port + 10000),
  STRIPE_WEBHOOK_SECRET: "whsec_e2e_masthead_0123456789",
  STRIPE_SECRET_KEY: "",
  // Short, so the tests of a hanging Stripe finish quickly (the SDK retries twice).
  STRIPE_TIMEOUT_MS: "2000",
  // Every spec gives from 127.0.0.1; the card-testing spec uses its own addresses and the defaults' shape.
  CHECKOUT_LIMIT_PER_CLIENT: "60",
  CHECKOUT_LIMIT_PER_SESSION: "20",
  REVALIDATE_SECRET: "e2e-revalidate-secret-0123456789",
  DATABASE_URL: "",
};

let dropDatabase: (() => Promise<void>) | undefined;
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const scratch = await createScratchDatabase(adminUrl, "masthead_e2e");
  serverEnv.DATABASE_URL = scratch.url;
  dropDatabase = scratch.drop;
}
writeFileSync(path.resolve("e2e/.server-env.json"), JSON.stringify(serverEnv, null, 2));

const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...serverEnv },
});
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", stop).on("SIGTERM", stop);
child.on("exit", async (code) => {
  await dropDatabase?.().catch(() => {});
  process.exit(code ?? 0);
});
