/**
 * Starts the site for Playwright on a database of its own: a fresh database on the PostgreSQL
 * server named by TEST_DATABASE_URL (loopback only), or else a fresh embedded PGlite folder.
 * Writes e2e/.server-env.json so specs can run the CLI (content import) against the same database.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.resolve(".data/e2e");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const serverEnv: Record<string, string> = {
  PORT: String(port),
  SITE_URL: `http://127.0.0.1:${port}`,
  PGLITE_DIR: path.join(dataDir, "pglite"),
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
  const host = new URL(adminUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    console.error(`Refusing to run e2e against a non-local database (${host}).`);
    process.exit(1);
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `masthead_e2e_${Date.now().toString(36)}`;
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  serverEnv.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  };
}
writeFileSync(path.resolve("e2e/.server-env.json"), JSON.stringify(serverEnv, null, 2));

const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...serverEnv },
});
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", stop).on("SIGTERM", stop);
child.on("exit", async (code) => {
  await dropDatabase?.().catch(() => {});
  process.exit(code ?? 0);
});
