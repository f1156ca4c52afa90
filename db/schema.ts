import { sql } from "drizzle-orm";
import {
  boolean,
  jsonb,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const articleStatus = pgEnum("article_status", ["draft", "published"]);

export const sections = pgTable("sections", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  position: integer("position").notNull().default(0),
});

export const authors = pgTable("authors", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  role: text("role").notNull().default(""),
  bio: text("bio").notNull().default(""),
  avatarSrc: text("avatar_src"),
});

export const tags = pgTable("tags", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
});

export const articles = pgTable(
  "articles",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    slug: text("slug").notNull().unique(),
    headline: text("headline").notNull(),
    dek: text("dek").notNull().default(""),
    sectionId: integer("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "restrict" }),
    status: articleStatus("status").notNull().default("draft"),
    bodySource: text("body_source").notNull(),
    bodyHtml: text("body_html").notNull(),
    bodyText: text("body_text").notNull(),
    wordCount: integer("word_count").notNull().default(0),
    heroSrc: text("hero_src"),
    heroAlt: text("hero_alt"),
    heroCaption: text("hero_caption"),
    heroCredit: text("hero_credit"),
    heroWidth: integer("hero_width"),
    heroHeight: integer("hero_height"),
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }),
    importedAt: timestamp("imported_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', coalesce(headline, '')), 'A') || setweight(to_tsvector('english', coalesce(dek, '')), 'B') || setweight(to_tsvector('english', coalesce(body_text, '')), 'C')`,
      ),
  },
  (t) => [
    index("articles_status_published_idx").on(t.status, t.publishedAt.desc()),
    index("articles_section_published_idx").on(t.sectionId, t.publishedAt.desc()),
    index("articles_search_idx").using("gin", t.searchVector),
  ],
);

export const articleAuthors = pgTable(
  "article_authors",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => authors.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.authorId] }), index("article_authors_author_idx").on(t.authorId)],
);

export const articleTags = pgTable(
  "article_tags",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tagId] }), index("article_tags_tag_idx").on(t.tagId)],
);

export type Section = typeof sections.$inferSelect;
export type Author = typeof authors.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type ArticleRow = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;

// ---------------------------------------------------------------------------------------------
// The ledger. Written only by Stripe webhook handlers (and reconciliation through the same code).
// Every row is keyed by a Stripe id, so a replayed or late event cannot count twice.

export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  stripeCreatedAt: timestamp("stripe_created_at", { withTimezone: true, mode: "date" }).notNull(),
  processedAt: timestamp("processed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const supporters = pgTable("supporters", {
  stripeCustomerId: text("stripe_customer_id").primaryKey(),
  email: text("email"),
  name: text("name"),
  /** In every "Manage your gift" link; raising it revokes every link sent so far. */
  manageLinkVersion: integer("manage_link_version").notNull().default(1),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const giftFrequency = pgEnum("gift_frequency", ["once", "monthly", "annual"]);

export const gifts = pgTable(
  "gifts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    frequency: giftFrequency("frequency").notNull(),
    /** What was charged, in minor units, fee cover included. */
    amount: integer("amount").notNull(),
    /** The part of `amount` the supporter added to cover card fees. */
    feeAmount: integer("fee_amount").notNull().default(0),
    currency: text("currency").notNull(),
    coverFees: boolean("cover_fees").notNull().default(false),
    placement: text("placement"),
    sourcePath: text("source_path"),
    sourceSlug: text("source_slug"),
    campaign: text("campaign"),
    email: text("email"),
    stripeCustomerId: text("stripe_customer_id"),
    stripeCheckoutSessionId: text("stripe_checkout_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    stripeChargeId: text("stripe_charge_id"),
    stripeInvoiceId: text("stripe_invoice_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    paidAt: timestamp("paid_at", { withTimezone: true, mode: "date" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("gifts_checkout_session_uq").on(t.stripeCheckoutSessionId),
    uniqueIndex("gifts_payment_intent_uq").on(t.stripePaymentIntentId),
    uniqueIndex("gifts_invoice_uq").on(t.stripeInvoiceId),
    index("gifts_paid_at_idx").on(t.paidAt),
    // The gifts table and its CSV page newest first with (paid_at, id) as the cursor.
    index("gifts_paid_at_id_idx").on(t.paidAt.desc(), t.id.desc()),
    index("gifts_customer_idx").on(t.stripeCustomerId),
    index("gifts_subscription_idx").on(t.stripeSubscriptionId),
    index("gifts_charge_idx").on(t.stripeChargeId),
  ],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    stripeSubscriptionId: text("stripe_subscription_id").primaryKey(),
    stripeCustomerId: text("stripe_customer_id").notNull(),
    status: text("status").notNull(),
    frequency: giftFrequency("frequency").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    coverFees: boolean("cover_fees").notNull().default(false),
    placement: text("placement"),
    sourceSlug: text("source_slug"),
    campaign: text("campaign"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true, mode: "date" }),
    /** A cancellation is scheduled (at the period's end, or at `cancelAt`): still active, and undone by "Don't cancel". */
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    cancelAt: timestamp("cancel_at", { withTimezone: true, mode: "date" }),
    /** When a cancellation was asked for, as Stripe says; null again once it is withdrawn. */
    canceledAt: timestamp("canceled_at", { withTimezone: true, mode: "date" }),
    /** Stripe's pause_collection: `keep_as_draft`, `mark_uncollectible` or `void` while collection is paused, else null. */
    pauseBehavior: text("pause_behavior"),
    pauseResumesAt: timestamp("pause_resumes_at", { withTimezone: true, mode: "date" }),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    /** Stripe's `created` of the newest event applied: older events never overwrite newer state. */
    lastEventAt: timestamp("last_event_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("subscriptions_customer_idx").on(t.stripeCustomerId),
    index("subscriptions_status_idx").on(t.status),
    index("subscriptions_started_at_idx").on(t.startedAt),
    index("subscriptions_canceled_at_idx").on(t.canceledAt),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    stripeChargeId: text("stripe_charge_id").primaryKey(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    amountRefunded: integer("amount_refunded").notNull(),
    currency: text("currency").notNull(),
    refundedAt: timestamp("refunded_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("refunds_payment_intent_idx").on(t.stripePaymentIntentId), index("refunds_refunded_at_idx").on(t.refundedAt)],
);

export const disputes = pgTable(
  "disputes",
  {
    stripeDisputeId: text("stripe_dispute_id").primaryKey(),
    stripeChargeId: text("stripe_charge_id").notNull(),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason"),
    status: text("status").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("disputes_charge_idx").on(t.stripeChargeId),
    index("disputes_payment_intent_idx").on(t.stripePaymentIntentId),
    index("disputes_created_at_idx").on(t.createdAt),
  ],
);

export const emailStatus = pgEnum("email_status", ["pending", "sent", "failed"]);

/**
 * Every e-mail the site sends, written in the same transaction as what it tells of. `dedupeKey`
 * (`receipt:in_…`) makes a redelivered event one e-mail; the job queue sends the row and retries it.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    dedupeKey: text("dedupe_key").notNull(),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    /** What the template needs, rendered when sent. */
    data: jsonb("data").notNull(),
    status: emailStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    messageId: text("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("email_outbox_dedupe_uq").on(t.dedupeKey), index("email_outbox_status_idx").on(t.status, t.createdAt)],
);

export const reminderStatus = pgEnum("reminder_status", ["pending", "sent", "stopped"]);

/**
 * "Remind me later" with an address: one e-mail at `dueAt`, then the address is erased (only its
 * keyed hash stays, so a stop still finds it). At most one pending reminder per address.
 */
export const reminders = pgTable(
  "reminders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email"),
    /** HMAC of the lower-cased address with a local secret: matches a stop without keeping the address. */
    emailHash: text("email_hash").notNull(),
    period: text("period").notNull(),
    placement: text("placement"),
    sourcePath: text("source_path"),
    status: reminderStatus("status").notNull().default("pending"),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    stoppedAt: timestamp("stopped_at", { withTimezone: true, mode: "date" }),
    /** Set by the webhook of a checkout opened from the reminder's link. */
    convertedAt: timestamp("converted_at", { withTimezone: true, mode: "date" }),
    convertedSessionId: text("converted_session_id"),
  },
  (t) => [
    uniqueIndex("reminders_pending_email_uq").on(t.emailHash).where(sql`${t.status} = 'pending'`),
    index("reminders_due_idx").on(t.dueAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** Addresses (as keyed hashes) that asked for no more reminders. */
export const reminderStops = pgTable("reminder_stops", {
  emailHash: text("email_hash").primaryKey(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type Reminder = typeof reminders.$inferSelect;

/**
 * Which charge paid which payment intent, from `charge.succeeded`. Stripe may send that before the
 * event that records the gift (and invoices no longer name their charge), so the link waits here.
 */
export const chargeLinks = pgTable("charge_links", {
  stripePaymentIntentId: text("stripe_payment_intent_id").primaryKey(),
  stripeChargeId: text("stripe_charge_id").notNull(),
  linkedAt: timestamp("linked_at", { withTimezone: true, mode: "date" }).notNull(),
});

/** A renewal that failed, by invoice: how often Stripe tried, when it tries next, and whether a later payment recovered it. */
export const paymentFailures = pgTable(
  "payment_failures",
  {
    stripeInvoiceId: text("stripe_invoice_id").primaryKey(),
    stripeSubscriptionId: text("stripe_subscription_id").notNull(),
    stripeCustomerId: text("stripe_customer_id"),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    attempts: integer("attempts").notNull(),
    /** The latest attempt's payment intent: its decline reason is in payment_declines. */
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    lastFailedAt: timestamp("last_failed_at", { withTimezone: true, mode: "date" }).notNull(),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    recoveredAt: timestamp("recovered_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("payment_failures_failed_at_idx").on(t.lastFailedAt)],
);

/** Why a payment intent's attempt was declined (`payment_intent.payment_failed`), as the bank said it. */
export const paymentDeclines = pgTable("payment_declines", {
  stripePaymentIntentId: text("stripe_payment_intent_id").primaryKey(),
  declineCode: text("decline_code"),
  message: text("message"),
  declinedAt: timestamp("declined_at", { withTimezone: true, mode: "date" }).notNull(),
});

/** What a supporter (or staff, in Stripe) changed on a recurring gift, one row per Stripe event that changed it. */
export const subscriptionChanges = pgTable(
  "subscription_changes",
  {
    stripeEventId: text("stripe_event_id").notNull(),
    kind: text("kind").notNull(),
    stripeSubscriptionId: text("stripe_subscription_id").notNull(),
    /** Before and after, in the ledger's terms (amount in minor units, frequency, resumes at). */
    detail: jsonb("detail").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.stripeEventId, t.kind] }), index("subscription_changes_at_idx").on(t.changedAt)],
);
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type Gift = typeof gifts.$inferSelect;
export type NewGift = typeof gifts.$inferInsert;
export type Subscription = typeof subscriptions.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Staff: the newsroom's own accounts for /admin. Created and reset from the command line only.

export const staffRole = pgEnum("staff_role", ["owner", "finance", "read-only"]);

export const staff = pgTable(
  "staff",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Stored lower-cased: one account per address whatever the case it is typed in. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id, PHC string format (algorithm, parameters and salt travel with the hash). */
    passwordHash: text("password_hash").notNull(),
    /** Accounts made before roles existed were the owners. */
    role: staffRole("role").notNull().default("owner"),
    /** The TOTP secret, encrypted (lib/staff/two-factor.ts); null until enrolment is confirmed. */
    totpSecret: text("totp_secret"),
    /** The time step of the last code accepted, so a code cannot be used twice. */
    totpLastStep: integer("totp_last_step"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("staff_email_uq").on(t.email)],
);

export const signInOutcome = pgEnum("sign_in_outcome", ["pending", "failed", "succeeded", "refused"]);

/**
 * Every sign-in attempt, by the address typed (known or not) and the client address, kept in the
 * database so that several app instances throttle together. Pruned after a day.
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    outcome: signInOutcome("outcome").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("sign_in_attempts_email_idx").on(t.email, t.attemptedAt),
    index("sign_in_attempts_ip_idx").on(t.ip, t.attemptedAt),
    index("sign_in_attempts_at_idx").on(t.attemptedAt),
  ],
);

/** What each reconciliation with Stripe found and added, for the staff page and the record. */
export const reconciliationRuns = pgTable(
  "reconciliation_runs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    periodFrom: timestamp("period_from", { withTimezone: true, mode: "date" }).notNull(),
    periodTo: timestamp("period_to", { withTimezone: true, mode: "date" }).notNull(),
    /** A staff e-mail, or "command line". */
    startedBy: text("started_by").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    /** null while running; the report (added, present, disagreements) once finished. */
    report: jsonb("report"),
    error: text("error"),
  },
  (t) => [index("reconciliation_runs_started_at_idx").on(t.startedAt.desc())],
);

export const staffSessionStage = pgEnum("staff_session_stage", ["second-factor", "enrol", "complete"]);

/**
 * Every staff session, held here: the cookie carries only a random token, and this row is keyed by
 * its SHA-256, so a copy of the table cannot be replayed as cookies. Deleting the row ends the session.
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    /** `second-factor`: the password was right, a code is still due; `enrol`: it must enrol first (STAFF_REQUIRE_2FA). */
    stage: staffSessionStage("stage").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    /** An HMAC of the client address (lib/donations/checkout-limits.ts clientKey): enough to tell two apart. */
    addressHash: text("address_hash").notNull(),
    userAgent: text("user_agent").notNull(),
  },
  (t) => [index("staff_sessions_staff_idx").on(t.staffId), index("staff_sessions_expires_idx").on(t.expiresAt)],
);

/** One-use recovery codes for a lost authenticator, kept as HMACs (random codes need no slow hash; lib/staff/two-factor.ts). */
export const staffRecoveryCodes = pgTable(
  "staff_recovery_codes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("staff_recovery_codes_staff_idx").on(t.staffId)],
);

/** What staff did: sign-ins, exports, reconciliations, security changes. Kept when the account goes. */
export const staffAuditLog = pgTable(
  "staff_audit_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    staffId: integer("staff_id").references(() => staff.id, { onDelete: "set null" }),
    /** The address typed or the account's, so the row still says who after the account is removed. */
    email: text("email").notNull(),
    action: text("action").notNull(),
    detail: jsonb("detail").notNull().default({}),
    addressHash: text("address_hash"),
  },
  (t) => [index("staff_audit_log_at_idx").on(t.at.desc())],
);

export type Staff = typeof staff.$inferSelect;
export type StaffRole = (typeof staffRole.enumValues)[number];
export type StaffSession = typeof staffSessions.$inferSelect;
export type SignInAttempt = typeof signInAttempts.$inferSelect;

/** Every checkout attempt that passed validation, allowed or refused: the card-testing defence's memory, and staff's record. */
export const checkoutAttempts = pgTable(
  "checkout_attempts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** A hash of the client address: enough to count, without keeping addresses. */
    clientKey: text("client_key").notNull(),
    sessionKey: text("session_key").notNull(),
    allowed: boolean("allowed").notNull(),
    reason: text("reason"),
  },
  (t) => [index("checkout_attempts_client_idx").on(t.clientKey, t.at), index("checkout_attempts_session_idx").on(t.sessionKey, t.at), index("checkout_attempts_at_idx").on(t.at)],
);
