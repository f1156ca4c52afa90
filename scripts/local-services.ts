import { countArticles } from "@/db/articles";
import { assertDatabaseReachable, closeDatabase, getDatabase } from "@/db/client";
import { embeddedServerRunning } from "@/db/database-url";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";
import { migrateDatabase } from "@/db/migrate";
import { SAMPLE_CONTENT_DIR } from "@/db/seed/sample-content";
import { importContent, printImportReport } from "@/lib/content/import";
import { env } from "@/lib/env";
import { getWebhookSecret, usesEmulator } from "@/lib/stripe/client";
import { startStripeEmulator } from "@/lib/stripe/emulator";
import type { Supervisor } from "./supervisor";

/**
 * The local stand-ins `npm start` and `npm run start:prod` bring when no real service is configured:
 * the embedded PostgreSQL server (no DATABASE_URL) and the Stripe emulator (no Stripe key). With real
 * settings nothing here starts.
 */

/**
 * Without DATABASE_URL: starts the embedded PostgreSQL server under the supervisor (creating it on
 * first use). `shared`: a server another command already runs for this folder is used as it is.
 */
export async function startDatabase(supervisor: Supervisor, log: (line: string) => void, { shared = false } = {}): Promise<void> {
  if (env.DATABASE_URL) return;
  if (shared && embeddedServerRunning(env.EMBEDDED_DB_DIR)) return;
  const started = performance.now();
  const embedded = await startEmbeddedPostgres({
    dir: env.EMBEDDED_DB_DIR,
    port: env.EMBEDDED_DB_PORT,
    // Supervised from its first moment; its exit stops everything only once it is up, so a failed
    // start is reported by startEmbeddedPostgres with its reason (a port taken, a bad password).
    onSpawn: (child, stopSignal) => supervisor.adopt("the embedded database", child, stopSignal, { oneShot: true }),
  });
  embedded.child.once("exit", (code, signal) => {
    if (supervisor.isStopping) return;
    console.error(`The embedded database exited (${signal ?? `code ${code}`}); stopping everything.`);
    void supervisor.stop(1);
  });
  log(
    `Embedded PostgreSQL ${embedded.created ? "created and started" : "started"} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${env.EMBEDDED_DB_DIR} on 127.0.0.1:${env.EMBEDDED_DB_PORT}`,
  );
}

/** Migrates, imports the sample content into an empty database, and closes this process's connections. */
export async function prepareDatabase(log: (line: string) => void): Promise<void> {
  const handle = await getDatabase();
  await assertDatabaseReachable(handle);
  await migrateDatabase(handle);
  if ((await countArticles()) === 0) {
    log("Empty database: importing the sample content…");
    printImportReport(await importContent(SAMPLE_CONTENT_DIR));
  }
  // The site processes open their own connections; this one is no longer needed.
  await closeDatabase();
}

/** Never with a real key: then the SDK talks to Stripe and nothing of the emulator starts. */
export async function startStripeEmulatorIfNeeded(supervisor: Supervisor, log: (line: string) => void): Promise<void> {
  if (!usesEmulator()) return;
  const emulator = await startStripeEmulator({
    port: env.STRIPE_EMULATOR_PORT,
    webhookUrl: `http://127.0.0.1:${env.PORT}/api/stripe/webhook`,
    webhookSecret: getWebhookSecret(),
    log: (line) => console.log(`[stripe emulator] ${line}`),
  });
  supervisor.onStop("the Stripe emulator", () => emulator.stop());
  log(`Stripe emulator (local test checkout, no real money) on ${emulator.url}`);
}
