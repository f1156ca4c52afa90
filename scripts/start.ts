/**
 * `npm start`: the whole site from a fresh clone. Starts the embedded database when DATABASE_URL is
 * unset and the local Stripe emulator when no real Stripe key is set, migrates, seeds the sample
 * content into an empty database, builds, and serves.
 * `--dev` runs `next dev` instead of build + start; `--no-build` reuses the last build.
 */
import { servingBanner } from "@/lib/site/origin";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { countArticles } from "@/db/articles";
import { assertDatabaseReachable, closeDatabase, DatabaseUnreachableError, getDatabase } from "@/db/client";
import { startEmbeddedServer, type EmbeddedServer } from "@/db/embedded-server";
import { migrateDatabase } from "@/db/migrate";
import { importContent, printImportReport } from "@/lib/content/import";
import { env } from "@/lib/env";
import { getWebhookSecret, usesEmulator } from "@/lib/stripe/client";
import { startStripeEmulator, type StripeEmulator } from "@/lib/stripe/emulator";
import { getRevalidateSecret } from "@/lib/site/revalidate-secret";

const dev = process.argv.includes("--dev");
const build = !dev && !process.argv.includes("--no-build");
const nextBin = "node_modules/next/dist/bin/next";
let embedded: EmbeddedServer | undefined;
let emulator: StripeEmulator | undefined;

function runNext(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env: { ...process.env, REVALIDATE_SECRET: getRevalidateSecret() } });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      resolve(code ?? (signal ? 0 : 1));
    });
  });
}

async function prepareDatabase(): Promise<void> {
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedServer(env.PGLITE_DIR, env.EMBEDDED_DB_PORT);
    console.log(`Embedded PostgreSQL (PGlite) in ${env.PGLITE_DIR}, served on ${embedded.url}`);
  }
  const handle = await getDatabase();
  await assertDatabaseReachable(handle);
  await migrateDatabase(handle);
  if ((await countArticles()) === 0) {
    console.log("Empty database: importing the sample content…");
    printImportReport(await importContent("db/seed/content"));
  }
  // The site process opens its own connections; this one is no longer needed.
  await closeDatabase();
}

/** Never with a real key: then the SDK talks to Stripe and nothing of the emulator starts. */
async function startEmulatorIfNeeded(): Promise<void> {
  if (!usesEmulator()) return;
  emulator = await startStripeEmulator({
    port: env.STRIPE_EMULATOR_PORT,
    webhookUrl: `http://127.0.0.1:${env.PORT}/api/stripe/webhook`,
    webhookSecret: getWebhookSecret(),
    log: (line) => console.log(`[stripe emulator] ${line}`),
  });
  console.log(`Stripe emulator (local test checkout, no real money) on ${emulator.url}`);
}

/**
 * Next keeps `unstable_cache` entries in .next/cache/fetch-cache across builds (by design, for
 * deployments). Here the database may be a different one than last time (a reset embedded database,
 * another DATABASE_URL), so a build starts from no cached data rather than someone else's.
 */
function clearDataCache(): void {
  rmSync(".next/cache/fetch-cache", { recursive: true, force: true });
}

let code = 0;
try {
  await prepareDatabase();
  if (build) clearDataCache();
  await startEmulatorIfNeeded();
  if (build) code = await runNext(["build"]);
  if (code === 0) {
    console.log(servingBanner(env.HOST, env.PORT));
    code = await runNext(dev ? ["dev", "-p", String(env.PORT), "-H", env.HOST] : ["start", "-p", String(env.PORT), "-H", env.HOST]);
  }
} catch (error) {
  console.error(error instanceof DatabaseUnreachableError || (error instanceof Error && !error.stack?.includes("node_modules")) ? (error as Error).message : error);
  code = 1;
} finally {
  await emulator?.stop().catch(() => {});
  await embedded?.stop().catch(() => {});
}
process.exit(code);
