import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_SERVING_PORT ?? 3200);

/**
 * The production recipe (npm run start:prod) under test: Varnish in front of two standalone Next.js
 * instances sharing a Redis cache. Run by `npm test` after the main e2e suite (scripts/test.ts).
 */
export default defineConfig({
  testDir: "e2e-serving",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: [["list"], ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["json"] as ["json"]] : [])],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    },
  },
  webServer: {
    command: "npx tsx e2e-serving/server.ts",
    url: `http://127.0.0.1:${port}/robots.txt`,
    timeout: 300_000,
    reuseExistingServer: false,
    // SIGTERM, not Playwright's default SIGKILL: Varnish and the instances stop, and the run's database
    // and Redis keys are dropped.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_SERVING_PORT: String(port) },
  },
});
