CREATE TABLE "payment_declines" (
	"stripe_payment_intent_id" text PRIMARY KEY NOT NULL,
	"decline_code" text,
	"message" text,
	"declined_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_failures" ADD COLUMN "stripe_payment_intent_id" text;