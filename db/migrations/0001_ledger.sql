CREATE TYPE "public"."gift_frequency" AS ENUM('once', 'monthly', 'annual');--> statement-breakpoint
CREATE TABLE "disputes" (
	"stripe_dispute_id" text PRIMARY KEY NOT NULL,
	"stripe_charge_id" text NOT NULL,
	"stripe_payment_intent_id" text,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"reason" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gifts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "gifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"frequency" "gift_frequency" NOT NULL,
	"amount" integer NOT NULL,
	"fee_amount" integer DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"cover_fees" boolean DEFAULT false NOT NULL,
	"placement" text,
	"source_path" text,
	"source_slug" text,
	"campaign" text,
	"email" text,
	"stripe_customer_id" text,
	"stripe_checkout_session_id" text,
	"stripe_payment_intent_id" text,
	"stripe_charge_id" text,
	"stripe_invoice_id" text,
	"stripe_subscription_id" text,
	"paid_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"stripe_charge_id" text PRIMARY KEY NOT NULL,
	"stripe_payment_intent_id" text,
	"amount_refunded" integer NOT NULL,
	"currency" text NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"stripe_created_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"stripe_subscription_id" text PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"status" text NOT NULL,
	"frequency" "gift_frequency" NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"cover_fees" boolean DEFAULT false NOT NULL,
	"placement" text,
	"source_slug" text,
	"campaign" text,
	"started_at" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"cancel_at" timestamp with time zone,
	"canceled_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"last_event_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supporters" (
	"stripe_customer_id" text PRIMARY KEY NOT NULL,
	"email" text,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "disputes_charge_idx" ON "disputes" USING btree ("stripe_charge_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gifts_checkout_session_uq" ON "gifts" USING btree ("stripe_checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gifts_payment_intent_uq" ON "gifts" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gifts_invoice_uq" ON "gifts" USING btree ("stripe_invoice_id");--> statement-breakpoint
CREATE INDEX "gifts_paid_at_idx" ON "gifts" USING btree ("paid_at");--> statement-breakpoint
CREATE INDEX "gifts_customer_idx" ON "gifts" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE INDEX "gifts_subscription_idx" ON "gifts" USING btree ("stripe_subscription_id");--> statement-breakpoint
CREATE INDEX "gifts_charge_idx" ON "gifts" USING btree ("stripe_charge_id");--> statement-breakpoint
CREATE INDEX "refunds_payment_intent_idx" ON "refunds" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE INDEX "subscriptions_customer_idx" ON "subscriptions" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE INDEX "subscriptions_status_idx" ON "subscriptions" USING btree ("status");