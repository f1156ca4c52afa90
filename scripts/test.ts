/**
 * `npm test`: the whole suite. Unit and data-layer tests (vitest) on the embedded PostgreSQL server, and also on the
 * PostgreSQL server when TEST_DATABASE_URL is set; then Playwright e2e against a production build
 * in Debian's Chromium (installed with apt when missing and we are root); a 20-second soak; then the production recipe
 * (Varnish in front of two instances sharing Redis) with playwright.serving.config.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { servingReady } from "./test-serving";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(label: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  return spawnSync(command, args, { stdio: "inherit", env: process.env }).status === 0;
}

/** A system tool the suite needs: present, or installed with apt when we are root (as CI is). */
function ensureTool(label: string, present: () => boolean, aptPackage: string): boolean {
  if (present()) return true;
  if (process.getuid?.() !== 0) {
    console.error(`${label} not found. Install Debian's ${aptPackage} (apt-get install -y ${aptPackage}).`);
    return false;
  }
  return run(`Installing Debian's ${aptPackage} for the e2e tests`, "sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${aptPackage} >/dev/null`]);
}

const onPath = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;

function ensureChromium(): boolean {
  if (existsSync(chromium)) return true;
  if (process.env.CHROMIUM_PATH) {
    console.error(`Chromium not found at ${chromium}.`);
    return false;
  }
  return ensureTool("Chromium", () => existsSync(chromium), "chromium");
}

// The validators (e2e/validators.spec.ts, lib/site/feeds.test.ts): xmllint with the sitemap XSDs, Java for vnu-jar.
const validatorsOk = ensureTool("xmllint", () => onPath("xmllint"), "libxml2-utils") && ensureTool("Java", () => onPath("java"), "openjdk-17-jre-headless");

if (!process.env.TEST_DATABASE_URL) {
  console.log("TEST_DATABASE_URL is not set: data-layer tests run on the embedded PostgreSQL server only (CI also runs them on the server at 127.0.0.1:5432).");
}

const reports = ".data/test-results";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
process.env.PLAYWRIGHT_JSON_OUTPUT_FILE = `${reports}/playwright.json`;

const vitestOk = run("vitest", process.execPath, [
  "node_modules/vitest/vitest.mjs",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${reports}/vitest.json`,
]);
const e2eOk = ensureChromium() && run("playwright", process.execPath, ["node_modules/@playwright/test/cli.js", "test"]);

// A short soak on the build the e2e run just made: everything at once, then zero lost, zero duplicated.
const soakOk = run("soak (20 s)", process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/soak.ts", "--seconds", "20", "--no-build"]);

type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
const read = <T>(file: string): T | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined);

// The production recipe (Varnish → two instances → Redis), after the main e2e run has freed .next/.
const serving = await servingReady(run);
let servingOk = serving !== "fail";
let s: PlaywrightReport | undefined;
if (serving === "run") {
  process.env.PLAYWRIGHT_JSON_OUTPUT_FILE = `${reports}/playwright-serving.json`;
  servingOk = run("playwright (production recipe)", process.execPath, ["node_modules/@playwright/test/cli.js", "test", "-c", "playwright.serving.config.ts"]);
  s = read<PlaywrightReport>(`${reports}/playwright-serving.json`);
  if (!s) servingOk = false;
}

// One closing line with the real test counts of every runner.
const v = read<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(`${reports}/vitest.json`);
const p = read<PlaywrightReport>(`${reports}/playwright.json`);
const passed = (v?.numPassedTests ?? 0) + (p ? p.stats.expected + p.stats.flaky : 0) + (s ? s.stats.expected + s.stats.flaky : 0) + (soakOk ? 1 : 0);
const failed = (v?.numFailedTests ?? 0) + (p?.stats.unexpected ?? 0) + (s?.stats.unexpected ?? 0) + (soakOk ? 0 : 1);
const skipped = (v ? v.numPendingTests + v.numTodoTests : 0) + (p?.stats.skipped ?? 0) + (s?.stats.skipped ?? 0);
const ok = validatorsOk && vitestOk && e2eOk && soakOk && servingOk && v !== undefined && p !== undefined;
if (!ok && failed === 0) console.log(`\nA runner failed before reporting: vitest ${vitestOk ? "ok" : "failed"}, e2e ${e2eOk ? "ok" : "failed"}, serving ${servingOk ? "ok" : "failed"}.`);
console.log(`\ntests: ${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed, ${skipped} skipped`);
process.exit(ok ? 0 : 1);
