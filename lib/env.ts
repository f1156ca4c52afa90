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
  /** A PostgreSQL server. Unset: the embedded PostgreSQL server that `npm start` runs in EMBEDDED_DB_DIR. */
  DATABASE_URL: optional(postgresUrl),
  /** The embedded server's data folder; its generated password and log sit beside it. */
  EMBEDDED_DB_DIR: z.string().default(".data/postgres"),
  /** Loopback port of the embedded server (not 5432, so it never collides with a system PostgreSQL). */
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

  /** Unset (or sk_test_emulator…): the local Stripe emulator. A real sk_test_/sk_live_ key: Stripe itself. */
  STRIPE_SECRET_KEY: optional(z.string().regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)")),
  /** Signing secret of the webhook endpoint. Unset with the emulator: generated into .data/. */
  STRIPE_WEBHOOK_SECRET: optional(z.string().regex(/^whsec_\w+$/, "must start with whsec_")),
  /** Where the stripe SDK sends API calls; only for the emulator (or a proxy). */
  STRIPE_API_BASE: optional(z.url()),
  STRIPE_EMULATOR_PORT: z.coerce.number().int().min(1024).max(65535).default(12111),
  STRIPE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),

  /** What the ad-free site costs a month, in minor units of SUPPORT_CURRENCY: the banner's goal. */
  SUPPORT_MONTHLY_COST: z.coerce.number().int().min(100).default(4_200_000),
  SUPPORT_CURRENCY: z.enum(["usd", "eur", "gbp", "jpy"]).default("eur"),
  SUPPORT_DEFAULT_FREQUENCY: z.enum(["once", "monthly", "annual"]).default("monthly"),
  SUPPORT_CAMPAIGN: optional(z.string().regex(/^[a-z0-9_-]{1,64}$/i)),
  ASK_DIALOG_AFTER_READS: z.coerce.number().int().min(2).default(3),
  ASK_DIALOG_EVERY_DAYS: z.coerce.number().min(0).default(7),
  ASK_DIALOG_CLOSE_SNOOZE_DAYS: z.coerce.number().min(0).default(3),
  ASK_BANNER_CLOSE_DAYS: z.coerce.number().min(0).default(7),
  ASK_GAVE_DAYS: z.coerce.number().min(0).default(90),
  /** Card-testing defence: checkout sessions allowed per client address and per browser session in the window. */
  CHECKOUT_LIMIT_PER_CLIENT: z.coerce.number().int().min(1).default(10),
  CHECKOUT_LIMIT_PER_SESSION: z.coerce.number().int().min(1).default(5),
  /** Keys the hash of client addresses in the checkout limits; every instance must share it. Unset: generated under .data/. */
  CLIENT_HASH_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  CHECKOUT_LIMIT_WINDOW_MINUTES: z.coerce.number().min(1).default(10),

  /** Encrypts staff two-factor secrets at rest. Unset: generated into .data/ (set it, the same, for every instance serving /admin). */
  STAFF_SESSION_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  /** How long a staff sign-in lasts at most, however busy (the absolute timeout). */
  STAFF_SESSION_HOURS: z.coerce.number().min(0.05).max(168).default(8),
  /** A staff session unused this long ends (the idle timeout). */
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().min(1).max(10_080).default(30),
  /** "1": every staff account must enrol a second factor before it can see anything. */
  STAFF_REQUIRE_2FA: z.enum(["0", "1"]).default("0"),
  /** The mail server supporters' e-mail goes through (smtp:// or smtps://, user:password@ included). Unset: `npm start`'s local mail catcher. */
  SMTP_URL: optional(z.string().trim().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
  /** The From of every e-mail, as an address or `Name <address>`. */
  MAIL_FROM: z.string().trim().min(3).default("Masthead <support@masthead.invalid>"),
  /** The local mail catcher's SMTP and web-inbox ports (loopback only), used when SMTP_URL is unset. */
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(1024).max(65535).default(1025),
  MAIL_CATCHER_WEB_PORT: z.coerce.number().int().min(1024).max(65535).default(1080),
  /** The first retry of an e-mail the mail server refused; each later one waits twice as long. */
  EMAIL_RETRY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Signs "Manage your gift" links. Unset: generated into .data/. */
  MANAGE_LINK_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  /** How long a "Manage your gift" link works. */
  MANAGE_LINK_DAYS: z.coerce.number().min(0.01).max(90).default(30),
  // Serving at scale: `npm run start:prod`, lib/cache/, lib/http-cache/.
  /** `standalone` (set by start:prod and the benchmark): `next build` emits a self-contained server in .next/standalone. */
  NEXT_OUTPUT: optional(z.enum(["standalone"])),
  /** `1` only in the serving tests' build: routes the test fixture pages (app/**\/page.fixture.tsx). */
  E2E_FIXTURES: optional(z.enum(["0", "1"])),
  /** Redis shared by every app instance as Next.js's cache. Unset: each instance keeps its own cache on disk. */
  REDIS_URL: optional(z.string().trim().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")),
  /** Key prefix in Redis, so several sites (or test runs) can share one server. */
  REDIS_CACHE_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/).default("masthead:next:"),
  /** Where PURGE/BAN requests for changed pages go: the HTTP cache (Varnish) in front of the app. Unset: no purge (`start:prod` sets its own Varnish). */
  HTTP_CACHE_PURGE_URL: optional(z.url()),
  /** How many Next.js instances `npm run start:prod` runs behind the HTTP cache, on PORT+1, PORT+2, … */
  APP_INSTANCES: z.coerce.number().int().min(1).max(16).default(2),
  /** Base64 AES key (16, 24 or 32 bytes) for server-action closures; one per release, shared by every instance. Unset with start:prod: generated into .data/. */
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: optional(
    z.string().refine((v) => [16, 24, 32].includes(Buffer.from(v, "base64").length), "must be 16, 24 or 32 bytes, base64-encoded"),
  ),
  /** Varnish's cache size for `npm run start:prod` (malloc storage), e.g. 256m or 2g; the front (nginx) keeps at most as much on disk. */
  HTTP_CACHE_SIZE: z.string().regex(/^\d+[kmgKMG]?$/, "must be a size such as 256m or 2g").default("256m"),
  /**
   * The front's nginx workers for `npm run start:prod`. One event loop serves tens of thousands of hits
   * a second; more contend with Varnish and the app for a small machine's cores. "auto": one per core.
   */
  FRONT_WORKERS: z.string().regex(/^(auto|[1-9]\d?)$/, "must be auto or a number of processes").default("1"),
  /** `npm run start:prod`'s working folder for the front and Varnish (their configuration, sockets and the front's copies). Default: .data/serving-PORT. */
  SERVING_WORKDIR: optional(z.string().min(1)),
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
