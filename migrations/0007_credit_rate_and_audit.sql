CREATE TABLE "credit_lookups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key_id" integer NOT NULL,
	"operation" text NOT NULL,
	"asked" text[] NOT NULL,
	"result_counts" jsonb NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "credit_rate_per_second" integer;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "credit_burst" integer;--> statement-breakpoint
ALTER TABLE "credit_lookups" ADD CONSTRAINT "credit_lookups_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_lookups_key_idx" ON "credit_lookups" USING btree ("key_id","asked_at");