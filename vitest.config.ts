import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Three projects: `unit` (no database), and the data-layer tests (`*.db.test.ts`) twice, once on
 * embedded PGlite and once on the real PostgreSQL server named by TEST_DATABASE_URL (a fresh
 * database per test file). Without TEST_DATABASE_URL only PGlite runs.
 */
const alias = { "@": path.resolve(import.meta.dirname) };
const dbTests = ["db/**/*.db.test.ts", "lib/**/*.db.test.ts", "app/**/*.db.test.ts"];
// Fixed secrets: tests sign events the way Stripe does, and no generated secret lands in the work tree.
const base = { alias, testTimeout: 30_000, hookTimeout: 60_000, env: { STRIPE_WEBHOOK_SECRET: "whsec_test_masthead_secret", STAFF_SESSION_SECRET: "test-staff-session-secret-0123456789abcdef" } };

const projects = [
  { resolve: { alias }, test: { ...base, name: "unit", include: ["**/*.test.ts"], exclude: ["node_modules/**", ".next/**", "e2e/**", ...dbTests] } },
  {
    resolve: { alias },
    test: { ...base, name: "pglite", include: dbTests, env: { ...base.env, DATABASE_URL: "", PGLITE_DIR: "memory://", TEST_DB_DRIVER: "pglite" }, setupFiles: ["./db/testing/setup.ts"] },
  },
];
if (process.env.TEST_DATABASE_URL) {
  projects.push({
    resolve: { alias },
    test: { ...base, name: "postgres", include: dbTests, env: { ...base.env, DATABASE_URL: "", PGLITE_DIR: "memory://", TEST_DB_DRIVER: "postgres" }, setupFiles: ["./db/testing/setup.ts"] },
  });
}

export default defineConfig({ test: { projects, reporters: ["default"] } });
