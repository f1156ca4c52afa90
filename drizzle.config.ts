import { defineConfig } from "drizzle-kit";

// Generation needs no database; migrations are applied by db/migrate.ts on start and in tests.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
