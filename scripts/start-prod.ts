/**
 * `npm run start:prod`: Masthead the way it runs in production on one machine.
 *
 *   reader ─▶ Varnish on HOST:PORT (deploy/varnish/default.vcl) ─▶ APP_INSTANCES × Next.js standalone
 *             on 127.0.0.1:PORT+1…  ─▶ one Next.js cache in Redis (REDIS_URL) and PostgreSQL
 *
 * Migrates (and seeds an empty database), builds once in standalone mode with a fixed server-action
 * encryption key (so a form rendered by one instance is accepted by any other), starts the instances
 * and Varnish, and stops them all on Ctrl-C / SIGTERM or when any of them dies.
 * `--no-build` reuses the last standalone build. Without DATABASE_URL it uses the embedded database,
 * like `npm start` (fine for trying it; production wants a PostgreSQL server).
 */
import { servingBanner } from "@/lib/site/origin";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";
import { countArticles } from "@/db/articles";
import { assertDatabaseReachable, closeDatabase, DatabaseUnreachableError, getDatabase } from "@/db/client";
import { startEmbeddedServer, type EmbeddedServer } from "@/db/embedded-server";
import { migrateDatabase } from "@/db/migrate";
import { importContent, printImportReport } from "@/lib/content/import";
import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";
import { getRevalidateSecret } from "@/lib/site/revalidate-secret";
import { getWebhookSecret, usesEmulator } from "@/lib/stripe/client";
import { startStripeEmulator, type StripeEmulator } from "@/lib/stripe/emulator";

const root = process.cwd();
const build = !process.argv.includes("--no-build");
const standalone = path.join(root, ".next/standalone");
const varnishDir = path.resolve(root, process.env.VARNISH_WORKDIR ?? `.data/varnish-${env.PORT}`);
const appPorts = Array.from({ length: env.APP_INSTANCES }, (_, i) => env.PORT + 1 + i);
/** varnishd in the foreground (-F) stops on SIGINT; the Node servers on SIGTERM. */
const children: { name: string; child: ChildProcess; stopSignal: NodeJS.Signals }[] = [];
let embedded: EmbeddedServer | undefined;
let emulator: StripeEmulator | undefined;
let stopping = false;

const log = (line: string) => console.log(`[start:prod] ${line}`);

function fail(message: string): never {
  throw Object.assign(new Error(message), { expected: true });
}

function which(command: string): string | null {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", ...(process.env.PATH ?? "").split(":")]) {
    if (dir && existsSync(path.join(dir, command))) return path.join(dir, command);
  }
  return null;
}

/**
 * The key Next.js encrypts server-action closures with: every instance and every build of one release
 * must share it. Set it in production; locally one is generated into .data/ (24 random bytes, base64).
 */
const serverActionsKey = (): string =>
  env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? Buffer.from(localSecret("server-actions-key"), "hex").toString("base64");

function run(command: string, args: string[], extraEnv: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function waitForPort(port: number, host: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host });
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs / 1000} s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await res.body?.cancel();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) fail(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function supervise(name: string, child: ChildProcess, stopSignal: NodeJS.Signals = "SIGTERM"): void {
  children.push({ name, child, stopSignal });
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[start:prod] ${name} exited (${signal ?? `code ${code}`}); stopping everything.`);
    void shutdown(1);
  });
}

async function prepareDatabase(): Promise<void> {
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedServer(env.PGLITE_DIR, env.EMBEDDED_DB_PORT);
    log(`embedded PostgreSQL (PGlite) in ${env.PGLITE_DIR}, served on ${embedded.url}; set DATABASE_URL in production`);
  }
  const handle = await getDatabase();
  await assertDatabaseReachable(handle);
  await migrateDatabase(handle);
  if ((await countArticles()) === 0) {
    log("empty database: importing the sample content…");
    printImportReport(await importContent("db/seed/content"));
  }
  await closeDatabase();
}

async function checkRedis(url: string): Promise<void> {
  const { default: Redis } = await import("ioredis");
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3_000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(`Redis at ${url} cannot be reached (${(error as Error).message}). Start it, or unset REDIS_URL to give each instance its own cache.`);
  } finally {
    redis.disconnect();
  }
}

/** `next build` in standalone mode, then the files the standalone server expects beside it. */
async function buildStandalone(buildEnv: NodeJS.ProcessEnv): Promise<void> {
  // Cached query results from an earlier build may come from another database (see scripts/start.ts).
  rmSync(path.join(root, ".next/cache/fetch-cache"), { recursive: true, force: true });
  const code = await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], buildEnv);
  if (code !== 0) fail(`next build failed (exit ${code})`);
  cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true });
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
}

function startVarnish(varnishd: string): void {
  rmSync(varnishDir, { recursive: true, force: true });
  mkdirSync(varnishDir, { recursive: true });
  const backends = appPorts
    .map(
      (port, i) => `backend app${i + 1} {
    .host = "127.0.0.1";
    .port = "${port}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    .probe = { .url = "/robots.txt"; .interval = 2s; .timeout = 2s; .window = 3; .threshold = 2; .initial = 2; }
}`,
    )
    .join("\n");
  writeFileSync(
    path.join(varnishDir, "backends.vcl"),
    `# Written by scripts/start-prod.ts.\nimport directors;\n\n${backends}\n\nsub vcl_init {\n    new app = directors.round_robin();\n${appPorts.map((_, i) => `    app.add_backend(app${i + 1});`).join("\n")}\n}\n`,
  );
  const args = [
    "-F",
    "-n", varnishDir,
    "-a", `${env.HOST}:${env.PORT}`,
    "-T", "none",
    "-f", path.join(root, "deploy/varnish/default.vcl"),
    "-p", `vcl_path=${varnishDir}:${path.join(root, "deploy/varnish")}`,
    "-s", `malloc,${env.HTTP_CACHE_SIZE}`,
    // Stored as the app sent them: gzip for clients that ask, plain for the rest (no un-gzip per request).
    "-p", "http_gzip_support=off",
    "-p", "thread_pool_min=50",
    // The app's Cache-Control decides; this only covers a cacheable answer with no lifetime.
    "-p", "default_ttl=60",
    ...(process.getuid?.() === 0 ? [] : ["-j", "none"]),
  ];
  const child = spawn(varnishd, args, { stdio: ["ignore", "inherit", "inherit"] });
  supervise("varnishd", child, "SIGINT");
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(
      ({ child, stopSignal }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill(stopSignal);
        }),
    ),
  );
  await emulator?.stop().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(code);
}

async function main(): Promise<void> {
  const varnishd = which("varnishd");
  if (!varnishd) fail("varnishd not found: install Varnish (Debian: apt-get install -y varnish), then run this again.");
  process.on("SIGINT", () => void shutdown(0)).on("SIGTERM", () => void shutdown(0));

  await prepareDatabase();
  if (env.REDIS_URL) await checkRedis(env.REDIS_URL);
  else log("REDIS_URL is not set: each instance keeps its own Next.js cache (revalidations reach only the instance that receives them).");

  if (usesEmulator()) {
    emulator = await startStripeEmulator({
      port: env.STRIPE_EMULATOR_PORT,
      webhookUrl: `http://127.0.0.1:${env.PORT}/api/stripe/webhook`,
      webhookSecret: getWebhookSecret(),
      log: (line) => console.log(`[stripe emulator] ${line}`),
    });
    log(`Stripe emulator (local test checkout, no real money) on ${emulator.url}`);
  }

  // Every process gets the same secrets explicitly: the standalone server runs from another folder.
  const shared: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PGLITE_DIR: path.resolve(root, env.PGLITE_DIR),
    REVALIDATE_SECRET: getRevalidateSecret(),
    STRIPE_WEBHOOK_SECRET: getWebhookSecret(),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: serverActionsKey(),
    HTTP_CACHE_PURGE_URL: env.HTTP_CACHE_PURGE_URL ?? `http://127.0.0.1:${env.PORT}`,
    ...(env.REDIS_URL ? { REDIS_URL: env.REDIS_URL } : {}),
  };

  if (build) {
    log("building (standalone output)…");
    await buildStandalone({ ...shared, NEXT_OUTPUT: "standalone" });
  } else if (!existsSync(path.join(standalone, "server.js"))) {
    fail("no standalone build in .next/standalone: run without --no-build first.");
  }

  for (const [i, port] of appPorts.entries()) {
    const child = spawn(process.execPath, [path.join(standalone, "server.js")], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...shared, PORT: String(port), HOSTNAME: "127.0.0.1", KEEP_ALIVE_TIMEOUT: "65000" },
    });
    supervise(`app instance ${i + 1} (127.0.0.1:${port})`, child);
  }
  await Promise.all(appPorts.map((port) => waitForPort(port, "127.0.0.1", 60_000)));

  startVarnish(varnishd);
  const publicHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  await waitForHttp(`http://${publicHost.includes(":") ? `[${publicHost}]` : publicHost}:${env.PORT}/robots.txt`, 60_000);
  log(`${servingBanner(env.HOST, env.PORT)}: Varnish on ${env.HOST}:${env.PORT} → ${appPorts.length} Next.js instance(s) on 127.0.0.1:${appPorts.join(", ")}${env.REDIS_URL ? ", cache shared in Redis" : ""}`);
  if (process.send) process.send("ready");
}

try {
  await main();
} catch (error) {
  console.error(error instanceof DatabaseUnreachableError || (error as { expected?: boolean }).expected ? `[start:prod] ${(error as Error).message}` : error);
  await shutdown(1);
}
