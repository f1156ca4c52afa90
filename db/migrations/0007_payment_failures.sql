CREATE TABLE "payment_failures" (
	"stripe_invoice_id" text PRIMARY KEY NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"stripe_customer_id" text,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"attempts" integer NOT NULL,
	"last_failed_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"recovered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "payment_failures_failed_at_idx" ON "payment_failures" USING btree ("last_failed_at");