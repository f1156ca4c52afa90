import { countArticles } from "@/db/articles";
import { assertDatabaseReachable, closeDatabase, getDatabase } from "@/db/client";
import { embeddedServerRunning } from "@/db/database-url";
import { startEmbeddedPostgres } from "@/db/embedded-postgres";
import { migrateDatabase } from "@/db/migrate";
import { SAMPLE_CONTENT_DIR } from "@/db/seed/sample-content";
import { importContent, printImportReport } from "@/lib/content/import";
import { env } from "@/lib/env";
import { getWebhookSecret, usesEmulator } from "@/lib/stripe/client";
import { startMailCatcher } from "@/lib/mail/catcher";
import { usesMailCatcher } from "@/lib/mail/transport";
import { startStripeEmulator } from "@/lib/stripe/emulator";
import type { Supervisor } from "./supervisor";

/**
 * The local stand-ins `npm start` and `npm run start:prod` bring when no real service is configured:
 * the embedded PostgreSQL server (no DATABASE_URL), the Stripe emulator (no Stripe key) and a mail
 * catcher (no SMTP_URL). With real settings nothing here starts. The job worker always runs.
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

/** Without SMTP_URL: a real SMTP server on loopback that keeps every e-mail, with a web inbox. */
export async function startMailCatcherIfNeeded(supervisor: Supervisor, log: (line: string) => void): Promise<void> {
  if (!usesMailCatcher()) return;
  const catcher = await startMailCatcher({ smtpPort: env.MAIL_CATCHER_SMTP_PORT, webPort: env.MAIL_CATCHER_WEB_PORT, log: (line) => console.log(`[mail catcher] ${line}`) });
  supervisor.onStop("the mail catcher", () => catcher.stop());
  log(`Mail catcher (e-mail goes nowhere else): inbox at ${catcher.webUrl}, SMTP on 127.0.0.1:${catcher.smtpPort}`);
}

/** The job worker (scripts/worker.ts) as its own process, as production runs it. */
export function startJobWorker(supervisor: Supervisor, childEnv: NodeJS.ProcessEnv): void {
  supervisor.spawn("the job worker", process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: childEnv });
}
