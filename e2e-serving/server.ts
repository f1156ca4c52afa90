/**
 * Starts the production recipe (scripts/start-prod.ts: Varnish → two standalone Next.js instances →
 * Redis) for the serving tests, on a database of its own: a fresh database on the PostgreSQL server
 * named by TEST_DATABASE_URL (loopback only), or else a fresh embedded PostgreSQL folder. Redis keys get a
 * prefix of their own. Writes e2e-serving/.server-env.json for the specs (ports, CLI environment).
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "@/db/testing/scratch-database";

const port = Number(process.env.E2E_SERVING_PORT ?? 3200);
const run = `${Date.now().toString(36)}`;
const dataDir = path.resolve(".data/e2e-serving");
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });

const serverEnv: Record<string, string> = {
  PORT: String(port),
  HOST: "127.0.0.1",
  SITE_URL: `http://127.0.0.1:${port}`,
  APP_INSTANCES: "2",
  EMBEDDED_DB_DIR: path.join(dataDir, "postgres"),
  EMBEDDED_DB_PORT: String(port + 20000),
  STRIPE_EMULATOR_PORT: String(port + 10000),
  STRIPE_WEBHOOK_SECRET: "whsec_e2e_masthead_0123456789",
  STRIPE_SECRET_KEY: "",
  REVALIDATE_SECRET: "e2e-revalidate-secret-0123456789",
  REDIS_URL: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_CACHE_PREFIX: `masthead:e2e:${run}:`,
  HTTP_CACHE_PURGE_URL: `http://127.0.0.1:${port}`,
  VARNISH_WORKDIR: path.join(dataDir, "varnish"),
  HTTP_CACHE_SIZE: "64m",
  E2E_FIXTURES: "1",
  DATABASE_URL: "",
};

let dropDatabase: (() => Promise<void>) | undefined;
const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const host = new URL(adminUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    console.error(`Refusing to run the serving tests against a non-local database (${host}).`);
    process.exit(1);
  }
  const scratch = await createScratchDatabase(adminUrl, "masthead_serving");
  serverEnv.DATABASE_URL = scratch.url;
  dropDatabase = scratch.drop;
}
writeFileSync(path.resolve("e2e-serving/.server-env.json"), JSON.stringify(serverEnv, null, 2));

const child = spawn(process.execPath, ["--import", "tsx", "scripts/start-prod.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...serverEnv },
});
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", stop).on("SIGTERM", stop);
/** This run's Redis keys (they would expire anyway, in up to 14 days). */
async function dropRedisKeys(): Promise<void> {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(serverEnv.REDIS_URL!, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${serverEnv.REDIS_CACHE_PREFIX}*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

child.on("exit", async (code) => {
  await dropDatabase?.().catch(() => {});
  await dropRedisKeys().catch(() => {});
  process.exit(code ?? 0);
});
