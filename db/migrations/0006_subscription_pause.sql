CREATE TABLE "subscription_changes" (
	"stripe_event_id" text NOT NULL,
	"kind" text NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"detail" jsonb NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscription_changes_stripe_event_id_kind_pk" PRIMARY KEY("stripe_event_id","kind")
);
--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "paused" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "pause_resumes_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "subscription_changes_at_idx" ON "subscription_changes" USING btree ("changed_at");