-- The credit-lookup audit (credit_lookups) partitioned by month of asked_at, China Standard
-- Time, so that a period's lookups are read from its months alone and a month past its
-- retention (CREDIT_LOOKUP_RETENTION_MONTHS) is dropped whole instead of deleted row by row.
-- Hand-written: drizzle-kit cannot write PARTITION BY. The primary key takes asked_at, as
-- Postgres requires of a partitioned table; ids still come from the same sequence.
-- The hub keeps months ahead created (src/db/partitions.ts); this migration creates the months
-- the existing rows fall in, and three ahead.
ALTER TABLE "credit_lookups" RENAME TO "credit_lookups_unpartitioned";--> statement-breakpoint
ALTER TABLE "credit_lookups_unpartitioned" RENAME CONSTRAINT "credit_lookups_pkey" TO "credit_lookups_unpartitioned_pkey";--> statement-breakpoint
ALTER TABLE "credit_lookups_unpartitioned" RENAME CONSTRAINT "credit_lookups_key_id_api_keys_id_fk" TO "credit_lookups_unpartitioned_key_id_fk";--> statement-breakpoint
ALTER INDEX "credit_lookups_key_idx" RENAME TO "credit_lookups_unpartitioned_key_idx";--> statement-breakpoint
CREATE TABLE "credit_lookups" (
	"id" bigint DEFAULT nextval('credit_lookups_id_seq') NOT NULL,
	"key_id" integer NOT NULL,
	"operation" text NOT NULL,
	"asked" text[] NOT NULL,
	"result_counts" jsonb NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_lookups_id_asked_at_pk" PRIMARY KEY("id","asked_at")
) PARTITION BY RANGE ("asked_at");--> statement-breakpoint
ALTER SEQUENCE "credit_lookups_id_seq" OWNED BY "credit_lookups"."id";--> statement-breakpoint
ALTER TABLE "credit_lookups" ADD CONSTRAINT "credit_lookups_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_lookups_key_idx" ON "credit_lookups" USING btree ("key_id","asked_at");--> statement-breakpoint
DO $$
DECLARE
	m timestamptz;
	last timestamptz := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' + interval '3 months';
BEGIN
	m := coalesce((SELECT date_trunc('month', min(asked_at) AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' FROM "credit_lookups_unpartitioned"),
	              date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai');
	WHILE m <= last LOOP
		EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF "credit_lookups" FOR VALUES FROM (%L) TO (%L)',
			'credit_lookups_' || to_char(m AT TIME ZONE 'Asia/Shanghai', 'YYYY_MM'), m, (m AT TIME ZONE 'Asia/Shanghai' + interval '1 month') AT TIME ZONE 'Asia/Shanghai');
		m := (m AT TIME ZONE 'Asia/Shanghai' + interval '1 month') AT TIME ZONE 'Asia/Shanghai';
	END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "credit_lookups" ("id", "key_id", "operation", "asked", "result_counts", "asked_at")
	SELECT "id", "key_id", "operation", "asked", "result_counts", "asked_at" FROM "credit_lookups_unpartitioned";--> statement-breakpoint
DROP TABLE "credit_lookups_unpartitioned";
