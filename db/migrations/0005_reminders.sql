CREATE TYPE "public"."reminder_status" AS ENUM('pending', 'sent', 'stopped');--> statement-breakpoint
CREATE TABLE "reminder_stops" (
	"email_hash" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text,
	"email_hash" text NOT NULL,
	"period" text NOT NULL,
	"placement" text,
	"source_path" text,
	"status" "reminder_status" DEFAULT 'pending' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"converted_at" timestamp with time zone,
	"converted_session_id" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "reminders_pending_email_uq" ON "reminders" USING btree ("email_hash") WHERE "reminders"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "reminders_due_idx" ON "reminders" USING btree ("due_at") WHERE "reminders"."status" = 'pending';