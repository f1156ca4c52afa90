CREATE TABLE "charge_links" (
	"stripe_payment_intent_id" text PRIMARY KEY NOT NULL,
	"stripe_charge_id" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL
);
