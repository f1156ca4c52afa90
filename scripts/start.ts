/**
 * `npm start`: the whole site from a fresh clone. Starts the embedded PostgreSQL server when
 * DATABASE_URL is unset and the local Stripe emulator when no real Stripe key is set, migrates,
 * seeds the sample content into an empty database, builds, and serves. Everything runs under one
 * supervisor (scripts/supervisor/): SIGTERM or Ctrl-C stops it all, so does any part dying.
 * `--dev` runs `next dev` instead of build + start; `--no-build` reuses the last build.
 */
import { rmSync } from "node:fs";
import { DatabaseUnreachableError } from "@/db/client";
import { env } from "@/lib/env";
import { servingBanner } from "@/lib/site/origin";
import { requestGuardEnv, serverNodeOptions } from "@/lib/site/request-limits";
import { getRevalidateSecret } from "@/lib/site/revalidate-secret";
import { prepareDatabase, startDatabase, startJobWorker, startMailCatcherIfNeeded, startStripeEmulatorIfNeeded } from "./local-services";
import { gracefulHttp, requestGuard, Supervisor } from "./supervisor";

const dev = process.argv.includes("--dev");
const build = !dev && !process.argv.includes("--no-build");
const nextBin = "node_modules/next/dist/bin/next";
const log = (line: string) => console.log(line);
const supervisor = new Supervisor({ log: (line) => console.error(`[start] ${line}`) });

/**
 * Next keeps `unstable_cache` entries in .next/cache/fetch-cache across builds (by design, for
 * deployments). Here the database may be a different one than last time (a reset embedded database,
 * another DATABASE_URL), so a build starts from no cached data rather than someone else's.
 */
function clearDataCache(): void {
  rmSync(".next/cache/fetch-cache", { recursive: true, force: true });
}

try {
  const nextEnv = { ...process.env, REVALIDATE_SECRET: getRevalidateSecret() };
  await startDatabase(supervisor, log);
  await prepareDatabase(log);
  if (build) clearDataCache();
  await startStripeEmulatorIfNeeded(supervisor, log);
  await startMailCatcherIfNeeded(supervisor, log);
  startJobWorker(supervisor, nextEnv);
  if (build) {
    const code = await supervisor.run("next build", process.execPath, [nextBin, "build"], { env: nextEnv });
    if (code !== 0) {
      if (!supervisor.isStopping) console.error(`[start] next build failed (exit ${code}).`);
      await supervisor.stop(code || 1);
    }
  }
  log(servingBanner(env.HOST, env.PORT));
  supervisor.spawn("next", process.execPath, [...serverNodeOptions(), "--require", gracefulHttp, "--require", requestGuard, nextBin, ...(dev ? ["dev"] : ["start"]), "-p", String(env.PORT), "-H", env.HOST], {
    env: { ...nextEnv, ...requestGuardEnv() },
  });
} catch (error) {
  console.error(error instanceof DatabaseUnreachableError || (error instanceof Error && !error.stack?.includes("node_modules")) ? (error as Error).message : error);
  await supervisor.stop(1);
}
