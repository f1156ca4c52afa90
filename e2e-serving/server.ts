/**
 * The production recipe (scripts/start-prod.ts: Varnish → two standalone Next.js instances → Redis)
 * for the serving tests, on a database and a Redis key prefix of its own. Writes
 * e2e-serving/.server-env.json for the specs (ports, CLI environment).
 */
import { runInForeground, startTestSite } from "../e2e/test-site";

const site = await startTestSite({
  name: "e2e-serving",
  port: Number(process.env.E2E_SERVING_PORT ?? 3200),
  recipe: "production",
  envFile: "e2e-serving/.server-env.json",
  redisUrl: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379",
  env: { APP_INSTANCES: "2", HTTP_CACHE_SIZE: "64m", E2E_FIXTURES: "1" },
});
runInForeground(site);
