-- The staged raw lines (batch_lines) partitioned by month of staged_at, China Standard Time, as
-- the credit-lookup audit is (0016): a month whose batches are all past STAGED_LINES_RETENTION_DAYS
-- is dropped whole by the nightly prune instead of deleted line by line. Hand-written: drizzle-kit
-- cannot write PARTITION BY. staged_at defaults to now(), so the COPY of a part is unchanged; the
-- lines kept before take their batch's creation time. The primary key takes staged_at, as Postgres
-- requires; a part's lines stay unique because a part is replaced (delete, then COPY) under its lock.
ALTER TABLE "batch_lines" RENAME TO "batch_lines_unpartitioned";--> statement-breakpoint
ALTER TABLE "batch_lines_unpartitioned" RENAME CONSTRAINT "batch_lines_batch_id_part_no_line_no_pk" TO "batch_lines_unpartitioned_pk";--> statement-breakpoint
ALTER TABLE "batch_lines_unpartitioned" RENAME CONSTRAINT "batch_lines_batch_id_batches_id_fk" TO "batch_lines_unpartitioned_batch_fk";--> statement-breakpoint
CREATE TABLE "batch_lines" (
	"batch_id" bigint NOT NULL,
	"part_no" integer NOT NULL,
	"line_no" integer NOT NULL,
	"raw" text,
	"too_long" boolean DEFAULT false NOT NULL,
	"staged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "batch_lines_batch_id_part_no_line_no_staged_at_pk" PRIMARY KEY("batch_id","part_no","line_no","staged_at")
) PARTITION BY RANGE ("staged_at");--> statement-breakpoint
ALTER TABLE "batch_lines" ADD CONSTRAINT "batch_lines_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DO $$
DECLARE
	m timestamptz;
	last timestamptz := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' + interval '3 months';
BEGIN
	m := coalesce((SELECT date_trunc('month', min(b.created_at) AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
	                 FROM "batches" b WHERE EXISTS (SELECT 1 FROM "batch_lines_unpartitioned" l WHERE l.batch_id = b.id)),
	              date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai');
	WHILE m <= last LOOP
		EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF "batch_lines" FOR VALUES FROM (%L) TO (%L)',
			'batch_lines_' || to_char(m AT TIME ZONE 'Asia/Shanghai', 'YYYY_MM'), m, (m AT TIME ZONE 'Asia/Shanghai' + interval '1 month') AT TIME ZONE 'Asia/Shanghai');
		m := (m AT TIME ZONE 'Asia/Shanghai' + interval '1 month') AT TIME ZONE 'Asia/Shanghai';
	END LOOP;
END $$;--> statement-breakpoint
INSERT INTO "batch_lines" ("batch_id", "part_no", "line_no", "raw", "too_long", "staged_at")
	SELECT l."batch_id", l."part_no", l."line_no", l."raw", l."too_long", b."created_at"
	  FROM "batch_lines_unpartitioned" l JOIN "batches" b ON b."id" = l."batch_id";--> statement-breakpoint
DROP TABLE "batch_lines_unpartitioned";
