import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

/** E2E against a production build, in Debian's Chromium (Playwright's own browsers cannot be downloaded here). */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: [["list"], ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["json"] as ["json"]] : [])],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /(stripe-faults|card-testing|staff-figures)\.spec\.ts/ },
    // Compares whole-site figures and changes Stripe behind the app's back for reconciliation to
    // find: nothing else may give or reconcile meanwhile.
    { name: "staff-figures", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /staff-figures\.spec\.ts/, dependencies: ["chromium"] },
    // Fault injection in the emulator is global: it runs alone, after everything else.
    { name: "stripe-faults", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /stripe-faults\.spec\.ts/, dependencies: ["staff-figures"] },
    // Uses up this address's checkout budget, so it comes last of all.
    { name: "card-testing", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /card-testing\.spec\.ts/, dependencies: ["stripe-faults"] },
  ],
  webServer: {
    command: "npx tsx e2e/server.ts",
    url: `${baseURL}/robots.txt`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    // SIGTERM, not Playwright's default SIGKILL: the start command stops everything and the run's
    // scratch database is dropped.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
