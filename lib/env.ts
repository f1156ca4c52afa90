import { z } from "zod";

/**
 * The one place environment variables are read. Everything else imports `env`.
 * next.config.mjs imports this file, so a bad setting fails `next build` with a clear message.
 */
const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL");

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Real PostgreSQL server. Unset: embedded PGlite in PGLITE_DIR. */
  DATABASE_URL: optional(postgresUrl),
  PGLITE_DIR: z.string().default(".data/pglite"),
  /** Port the start command serves the embedded database on, for the site and the import command. */
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface the start command binds to; 0.0.0.0 to accept other machines. */
  HOST: z.string().default("127.0.0.1"),
  SITE_URL: z.url().default("http://localhost:3000").transform((v) => v.replace(/\/+$/, "")),
  SITE_NAME: z.string().min(1).default("Masthead"),
  SITE_DESCRIPTION: z
    .string()
    .default("Independent, reader-funded journalism. No ads, no paywall, no trackers."),
  /** Shared secret for POST /api/revalidate. Unset: one is generated into .data/ by the start command. */
  REVALIDATE_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  /** How many of the newest articles are prerendered at build; the rest render on first request. */
  PRERENDER_ARTICLES: z.coerce.number().int().min(0).default(60),
  PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(12),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
