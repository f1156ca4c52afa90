CREATE TABLE "checkout_attempts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "checkout_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"client_key" text NOT NULL,
	"session_key" text NOT NULL,
	"allowed" boolean NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE INDEX "checkout_attempts_client_idx" ON "checkout_attempts" USING btree ("client_key","at");--> statement-breakpoint
CREATE INDEX "checkout_attempts_session_idx" ON "checkout_attempts" USING btree ("session_key","at");--> statement-breakpoint
CREATE INDEX "checkout_attempts_at_idx" ON "checkout_attempts" USING btree ("at");