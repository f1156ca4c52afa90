/**
 * `npm run start:prod`: Masthead the way it runs in production on one machine.
 *
 *   reader ─▶ nginx on HOST:PORT (deploy/nginx/) ─▶ Varnish on 127.0.0.1:PORT+APP_INSTANCES+1
 *             (deploy/varnish/default.vcl) ─▶ APP_INSTANCES × Next.js standalone on 127.0.0.1:PORT+1…
 *             ─▶ one Next.js cache in Redis (REDIS_URL) and PostgreSQL
 *
 * nginx answers the hottest public pages from a copy under two seconds old (an event loop serves a
 * hit for less than Varnish's thread per connection does: bench/serve.ts) and compresses with brotli;
 * Varnish is the cache that decides what is stored, for how long, and takes the app's purges.
 *
 * Migrates (and seeds an empty database), builds once in standalone mode with a fixed server-action
 * encryption key (so a form rendered by one instance is accepted by any other), starts the instances,
 * Varnish and nginx under one supervisor (scripts/supervisor/): Ctrl-C or SIGTERM stops them all, and so does
 * any of them dying.
 * `--no-build` reuses the last standalone build. Without DATABASE_URL it uses the embedded database,
 * like `npm start` (fine for trying it; production wants a PostgreSQL server).
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";
import { missingFrontPackages, NGINX_BINARY, readKeptHeaders, writeFrontConfig } from "@/deploy/nginx/config";
import { DatabaseUnreachableError } from "@/db/client";
import { env } from "@/lib/env";
import { localSecret } from "@/lib/local-secret";
import { servingBanner } from "@/lib/site/origin";
import { REQUEST_LIMITS, requestGuardEnv, serverNodeOptions } from "@/lib/site/request-limits";
import { getRevalidateSecret } from "@/lib/site/revalidate-secret";
import { getWebhookSecret } from "@/lib/stripe/client";
import { prepareDatabase, startDatabase, startJobWorker, startMailCatcherIfNeeded, startStripeEmulatorIfNeeded } from "./local-services";
import { gracefulHttp, requestGuard, Supervisor } from "./supervisor";

const root = process.cwd();
const build = !process.argv.includes("--no-build");
const standalone = path.join(root, ".next/standalone");
const workdir = path.resolve(root, env.SERVING_WORKDIR ?? `.data/serving-${env.PORT}`);
const varnishDir = path.join(workdir, "varnish");
const appPorts = Array.from({ length: env.APP_INSTANCES }, (_, i) => env.PORT + 1 + i);
const cachePort = env.PORT + env.APP_INSTANCES + 1;
const log = (line: string) => console.log(`[start:prod] ${line}`);
const supervisor = new Supervisor({ log: (line) => console.error(`[start:prod] ${line}`) });

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
  const code = await supervisor.run("next build", process.execPath, ["node_modules/next/dist/bin/next", "build"], { env: { ...process.env, ...buildEnv } });
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
    "-a", `127.0.0.1:${cachePort}`,
    "-T", "none",
    "-f", path.join(root, "deploy/varnish/default.vcl"),
    "-p", `vcl_path=${varnishDir}:${path.join(root, "deploy/varnish")}`,
    "-s", `malloc,${env.HTTP_CACHE_SIZE}`,
    // Stored as the app sent them: gzip for clients that ask, plain for the rest (no un-gzip per request).
    "-p", "http_gzip_support=off",
    "-p", "thread_pool_min=50",
    // The request line and headers together, as the instances' own limit (lib/site/request-limits.ts).
    "-p", `http_req_size=${REQUEST_LIMITS.headerBytes}`,
    "-p", `http_req_hdr_len=${REQUEST_LIMITS.headerBytes}`,
    // The app's Cache-Control decides; this only covers a cacheable answer with no lifetime.
    "-p", "default_ttl=60",
    ...(process.getuid?.() === 0 ? [] : ["-j", "none"]),
  ];
  // varnishd in the foreground (-F) stops on SIGINT.
  supervisor.spawn("varnishd", varnishd, args, { stdio: ["ignore", "inherit", "inherit"], stopSignal: "SIGINT" });
}

async function startFront(): Promise<void> {
  const dir = path.join(workdir, "front");
  rmSync(dir, { recursive: true, force: true });
  // As this build sends them (its next.config.mjs headers were fixed when it was built).
  const kept = await readKeptHeaders(`http://127.0.0.1:${appPorts[0]}/robots.txt`);
  const conf = writeFrontConfig({ host: env.HOST, port: env.PORT, cachePort, workdir: dir, cacheSize: env.HTTP_CACHE_SIZE, workers: env.FRONT_WORKERS, ...kept });
  // In the foreground; SIGQUIT lets it finish the requests it holds.
  supervisor.spawn("nginx", NGINX_BINARY, ["-c", conf, "-p", dir, "-g", "daemon off;"], { stdio: ["ignore", "inherit", "inherit"], stopSignal: "SIGQUIT" });
}

async function main(): Promise<void> {
  const varnishd = which("varnishd");
  const missing = [...(varnishd ? [] : ["varnish"]), ...missingFrontPackages()];
  if (!varnishd || missing.length > 0) fail(`${missing.join(", ")} missing: install them (Debian: apt-get install -y ${missing.join(" ")}), then run this again.`);
  await startDatabase(supervisor, log);
  await prepareDatabase(log);
  if (env.REDIS_URL) await checkRedis(env.REDIS_URL);
  else log("REDIS_URL is not set: each instance keeps its own Next.js cache (revalidations reach only the instance that receives them).");

  await startStripeEmulatorIfNeeded(supervisor, log);
  await startMailCatcherIfNeeded(supervisor, log);

  // Every process gets the same secrets explicitly: the standalone server runs from another folder.
  const shared: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    EMBEDDED_DB_DIR: path.resolve(root, env.EMBEDDED_DB_DIR),
    REVALIDATE_SECRET: getRevalidateSecret(),
    STRIPE_WEBHOOK_SECRET: getWebhookSecret(),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: serverActionsKey(),
    HTTP_CACHE_PURGE_URL: env.HTTP_CACHE_PURGE_URL ?? `http://127.0.0.1:${cachePort}`,
    ...(env.REDIS_URL ? { REDIS_URL: env.REDIS_URL } : {}),
  };

  if (build) {
    log("building (standalone output)…");
    await buildStandalone({ ...shared, NEXT_OUTPUT: "standalone" });
  } else if (!existsSync(path.join(standalone, "server.js"))) {
    fail("no standalone build in .next/standalone: run without --no-build first.");
  }

  for (const [i, port] of appPorts.entries()) {
    supervisor.spawn(`app instance ${i + 1} (127.0.0.1:${port})`, process.execPath, [...serverNodeOptions(), "--require", gracefulHttp, "--require", requestGuard, path.join(standalone, "server.js")], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...shared, ...requestGuardEnv(), PORT: String(port), HOSTNAME: "127.0.0.1", KEEP_ALIVE_TIMEOUT: "65000" },
    });
  }
  await Promise.all(appPorts.map((port) => waitForPort(port, "127.0.0.1", 60_000)));
  startJobWorker(supervisor, { ...process.env, ...shared });

  startVarnish(varnishd);
  await waitForHttp(`http://127.0.0.1:${cachePort}/robots.txt`, 60_000);
  await startFront();
  const publicHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  await waitForHttp(`http://${publicHost.includes(":") ? `[${publicHost}]` : publicHost}:${env.PORT}/robots.txt`, 60_000);
  log(`${servingBanner(env.HOST, env.PORT)}: nginx on ${env.HOST}:${env.PORT} → Varnish on 127.0.0.1:${cachePort} → ${appPorts.length} Next.js instance(s) on 127.0.0.1:${appPorts.join(", ")}${env.REDIS_URL ? ", cache shared in Redis" : ""}`);
  if (process.send) process.send("ready");
}

try {
  await main();
} catch (error) {
  console.error(error instanceof DatabaseUnreachableError || (error as { expected?: boolean }).expected ? `[start:prod] ${(error as Error).message}` : error);
  await supervisor.stop(1);
}
