import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Three projects: `unit` (no database), and the data-layer tests (`*.db.test.ts`) twice, once on
 * the embedded PostgreSQL server (`npm start`'s, started for the run in a throwaway folder) and once
 * on the server named by TEST_DATABASE_URL, a fresh database per test file on each. Without
 * TEST_DATABASE_URL only the embedded server runs.
 */
const alias = { "@": path.resolve(import.meta.dirname) };
const dbTests = ["db/**/*.db.test.ts", "lib/**/*.db.test.ts", "app/**/*.db.test.ts"];
// Fixed secrets: tests sign events the way Stripe does, and no generated secret lands in the work tree.
const base = { alias, testTimeout: 30_000, hookTimeout: 60_000, env: { STRIPE_WEBHOOK_SECRET: "whsec_test_masthead_secret", STAFF_SESSION_SECRET: "test-staff-session-secret-0123456789abcdef" } };
// Each project's mail tests run a catcher of their own, and the two projects run side by side.
const dbEnv = (server: string) => ({
  ...base.env,
  DATABASE_URL: "",
  EMBEDDED_DB_DIR: ".data/test-unused/postgres",
  TEST_DB_SERVER: server,
  MAIL_CATCHER_SMTP_PORT: server === "embedded" ? "21025" : "22025",
  EMAIL_RETRY_SECONDS: "1",
});

const projects = [
  { resolve: { alias }, test: { ...base, name: "unit", include: ["**/*.test.ts"], exclude: ["node_modules/**", ".next/**", "e2e/**", ...dbTests] } },
  {
    resolve: { alias },
    test: { ...base, name: "embedded", include: dbTests, env: dbEnv("embedded"), globalSetup: ["./db/testing/embedded-server.global.ts"], setupFiles: ["./db/testing/setup.ts"] },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    resolve: { alias },
    test: { ...base, name: "postgres", include: dbTests, env: dbEnv("postgres"), setupFiles: ["./db/testing/setup.ts"] },
  } as (typeof projects)[number]);
}

export default defineConfig({ test: { projects, reporters: ["default"] } });
