/**
 * The one way a test run or a benchmark starts a whole site: `npm start`'s script (or the production
 * recipe's) on ports of its own, with the Stripe emulator, on a database of its own — a fresh database
 * on the PostgreSQL server named by TEST_DATABASE_URL (loopback only), or else a fresh embedded
 * PostgreSQL folder under `.data/<name>`. What it made (the database, Redis keys) goes when it stops.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createScratchDatabase } from "@/db/testing/scratch-database";

export type TestSiteOptions = {
  /** Names the data folder (`.data/<name>`) and the scratch database (`masthead_<name>`). */
  name: string;
  /** The site's port; the others are derived from it (testSitePorts). */
  port: number;
  /** `start` is `npm start`; `production` is `npm run start:prod` (nginx, Varnish, two instances, Redis). */
  recipe?: "start" | "production";
  args?: string[];
  /** Settings on top of the defaults below, for what the suite needs (limits, fixtures, …). */
  env?: Record<string, string>;
  /** A database the caller has prepared; otherwise one is made for the run. */
  databaseUrl?: string;
  /** The PostgreSQL server to make that database on (default TEST_DATABASE_URL); without one, the embedded server. */
  adminUrl?: string | undefined;
  /** Written as JSON for specs that run the CLI against the same site. */
  envFile?: string;
  /** Share the Redis server at this URL, under a key prefix of this run's own. */
  redisUrl?: string;
  stdio?: StdioOptions;
};

export type TestSite = {
  url: string;
  emulatorUrl: string;
  mailInboxUrl: string;
  env: Record<string, string>;
  child: ChildProcess;
  /** Resolves when the site answers, or rejects when it exits or `timeoutMs` passes first. */
  ready(timeoutMs: number): Promise<void>;
  /** Stops the site (its supervisor stops the database and the emulator), then drops what the run made. */
  stop(): Promise<void>;
  /** Drops the scratch database and Redis keys; for a caller whose site has already exited. */
  cleanUp(): Promise<void>;
};

/**
 * The ports a test site on `port` (3100–5999) uses beside its own. All stay below 32768, where
 * Linux's ephemeral ports begin: a port up there can be taken at any moment by an outgoing connection.
 */
export const testSitePorts = (port: number) => ({ emulator: port + 10000, database: port + 20000, smtp: port + 6000, inbox: port + 26000 });

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);
export const E2E_WEBHOOK_SECRET = "whsec_e2e_masthead_0123456789";

export async function startTestSite(options: TestSiteOptions): Promise<TestSite> {
  const { name, port } = options;
  const url = `http://127.0.0.1:${port}`;
  const dataDir = path.resolve(".data", name);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const run = Date.now().toString(36);
  const ports = testSitePorts(port);

  const env: Record<string, string> = {
    PORT: String(port),
    SITE_URL: url,
    EMBEDDED_DB_DIR: path.join(dataDir, "postgres"),
    EMBEDDED_DB_PORT: String(ports.database),
    STRIPE_EMULATOR_PORT: String(ports.emulator),
    MAIL_CATCHER_SMTP_PORT: String(ports.smtp),
    MAIL_CATCHER_WEB_PORT: String(ports.inbox),
    STRIPE_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
    STRIPE_SECRET_KEY: "",
    REVALIDATE_SECRET: "e2e-revalidate-secret-0123456789",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl ?? "",
    ...(options.recipe === "production" ? { HOST: "127.0.0.1", SERVING_WORKDIR: path.join(dataDir, "serving") } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_CACHE_PREFIX: `masthead:${name}:${run}:` } : {}),
    ...options.env,
  };

  let dropDatabase: (() => Promise<void>) | undefined;
  const adminUrl = options.databaseUrl ? undefined : (options.adminUrl ?? process.env.TEST_DATABASE_URL);
  if (adminUrl) {
    const host = new URL(adminUrl).hostname;
    if (!LOOPBACK.has(host)) throw new Error(`Refusing to run tests against a non-local database (${host}).`);
    const scratch = await createScratchDatabase(adminUrl, `masthead_${name.replaceAll("-", "_")}`);
    env.DATABASE_URL = scratch.url;
    dropDatabase = scratch.drop;
  }
  if (options.envFile) writeFileSync(path.resolve(options.envFile), JSON.stringify(env, null, 2));

  const script = options.recipe === "production" ? "scripts/start-prod.ts" : "scripts/start.ts";
  const child = spawn(process.execPath, ["--import", "tsx", script, ...(options.args ?? [])], {
    env: { ...process.env, ...env },
    stdio: options.stdio ?? "inherit",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      await dropDatabase?.().catch((error: unknown) => console.error(`[${name}] could not drop the scratch database:`, error));
      if (env.REDIS_URL && env.REDIS_CACHE_PREFIX) await dropRedisKeys(env.REDIS_URL, env.REDIS_CACHE_PREFIX).catch((error: unknown) => console.error(`[${name}] could not drop its Redis keys:`, error));
    })());

  return {
    url,
    emulatorUrl: `http://127.0.0.1:${ports.emulator}`,
    mailInboxUrl: `http://127.0.0.1:${ports.inbox}`,
    env,
    child,
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (child.exitCode === null && child.signalCode === null) {
        if ((await fetch(`${url}/robots.txt`).catch(() => null))?.ok) return;
        if (Date.now() > deadline) throw new Error(`${url} did not come up within ${Math.round(timeoutMs / 1000)} s`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error(`the ${name} site exited (code ${child.exitCode ?? child.signalCode}) before it answered`);
    },
    async stop() {
      // The start script's supervisor stops everything it started; it is given 20 s.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await cleanUp();
    },
    cleanUp,
  };
}

/**
 * For a site that is the process Playwright starts and stops: signals go to the site, and this
 * process ends with it, after cleaning up.
 */
export function runInForeground(site: TestSite): void {
  const forward = (signal: NodeJS.Signals) => site.child.kill(signal);
  process.on("SIGINT", forward).on("SIGTERM", forward);
  site.child.once("exit", async (code) => {
    await site.cleanUp();
    process.exit(code ?? 0);
  });
}

/** A run's Redis keys (they would expire anyway, in up to 14 days). */
export async function dropRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
