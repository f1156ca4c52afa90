import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { embeddedDatabaseUrl } from "../db/database-url";

/** The environment the e2e server runs with, so a spec can run the CLI against the same database. */
export function serverEnv(): Record<string, string> {
  return JSON.parse(readFileSync(path.resolve("e2e/.server-env.json"), "utf8")) as Record<string, string>;
}

/** Runs a CLI script with the e2e server's environment; `input` is written to its stdin (prompts read it). */
export async function runCli(script: string, args: string[], { input }: { input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const child = promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
      env: { ...process.env, ...serverEnv() },
    });
    child.child.stdin?.end(input ?? "");
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")})`)).toEqual([]);
}

/** The e2e server's database: the scratch database on TEST_DATABASE_URL, else the embedded server. */
export function serverDatabaseUrl(): string {
  const env = serverEnv();
  return env.DATABASE_URL || embeddedDatabaseUrl(env.EMBEDDED_DB_DIR!, Number(env.EMBEDDED_DB_PORT))!;
}

/** Reads the ledger of the e2e server's database directly (the real tables the webhook writes). */
export async function queryLedger<T = Record<string, unknown>>(query: string, params: (string | number)[] = []): Promise<T[]> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(serverDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    return (await sql.unsafe(query, params)) as unknown as T[];
  } finally {
    await sql.end();
  }
}

export const emulatorUrl = () => `http://127.0.0.1:${serverEnv().STRIPE_EMULATOR_PORT}`;

/** Pays on the emulator's local test checkout page. */
export async function payOnTestCheckout(page: Page, { email, card = "4242 4242 4242 4242" }: { email: string; card?: string }): Promise<void> {
  await page.waitForURL(/\/pay\/cs_/);
  await page.locator("#email").fill(email);
  await page.locator("#card-number").fill(card);
  await page.locator("#pay").click();
}

/** An address no other test (or earlier run) has used. */
export const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;

/** A gift in euros from /support with JavaScript: frequency, a preset amount, then the test checkout. */
export async function giveOnSupportPage(page: Page, { frequency, preset, email }: { frequency: "Once" | "Monthly" | "Annual"; preset: RegExp; email: string }): Promise<void> {
  await page.goto("/support");
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: /Continue to secure payment/ }) }).first();
  await form.getByRole("radio", { name: frequency }).check();
  await form.getByLabel("Currency").selectOption("eur");
  await form.getByRole("radio", { name: preset }).check();
  await form.getByRole("button", { name: /Continue to secure payment/ }).click();
  await payOnTestCheckout(page, { email });
}
