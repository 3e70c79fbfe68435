CREATE TABLE "batch_parts" (
	"batch_id" bigint NOT NULL,
	"part_no" integer NOT NULL,
	"lines" integer NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "batch_parts_batch_id_part_no_pk" PRIMARY KEY("batch_id","part_no")
);
--> statement-breakpoint
CREATE TABLE "batch_lines" (
	"batch_id" bigint NOT NULL,
	"part_no" integer NOT NULL,
	"line_no" integer NOT NULL,
	"raw" text,
	"too_long" boolean DEFAULT false NOT NULL,
	CONSTRAINT "batch_lines_batch_id_part_no_line_no_pk" PRIMARY KEY("batch_id","part_no","line_no")
);
--> statement-breakpoint
CREATE TABLE "rejected_records" (
	"batch_id" bigint NOT NULL,
	"line_no" integer NOT NULL,
	"record_type" text,
	"record_id" text,
	"errors" jsonb NOT NULL,
	"raw" text
);
--> statement-breakpoint
CREATE TABLE "held_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"line_no" integer NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"awaiting_type" text NOT NULL,
	"awaiting_id" text NOT NULL,
	"record" jsonb NOT NULL,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"released_by_batch_id" bigint
);
--> statement-breakpoint
CREATE TABLE "record_heads" (
	"source_id" integer NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"target_id" bigint NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"batch_id" bigint NOT NULL,
	"stored_hash" text,
	CONSTRAINT "record_heads_source_id_record_type_record_id_pk" PRIMARY KEY("source_id","record_type","record_id")
);
--> statement-breakpoint
CREATE TABLE "record_versions" (
	"source_id" integer NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"batch_id" bigint NOT NULL,
	"content_hash" text NOT NULL,
	"record" text NOT NULL,
	CONSTRAINT "record_versions_source_id_record_type_record_id_source_version_pk" PRIMARY KEY("source_id","record_type","record_id","source_version")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"batch_id" bigint NOT NULL,
	"batch_digest" text NOT NULL,
	"records" integer NOT NULL,
	"previous_hash" text NOT NULL,
	"entry_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_batchId_unique" UNIQUE("batch_id")
);
--> statement-breakpoint
CREATE TABLE "etl_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"attempts" integer DEFAULT 1 NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"held" integer DEFAULT 0 NOT NULL,
	"watermark_before" text,
	"watermark_after" text,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "etl_watermarks" (
	"job" text PRIMARY KEY NOT NULL,
	"watermark" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "declared_count" integer;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "declared_sha256" text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "content_sha256" text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "progress_lines" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "records_unchanged" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "records_stale" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "records_held" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "records_released" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "sealed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "publication_deadline" date;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "publication_working_days" integer;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "published_late_by" integer;--> statement-breakpoint
ALTER TABLE "batch_parts" ADD CONSTRAINT "batch_parts_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch_lines" ADD CONSTRAINT "batch_lines_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rejected_records" ADD CONSTRAINT "rejected_records_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_records" ADD CONSTRAINT "held_records_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "held_records" ADD CONSTRAINT "held_records_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_heads" ADD CONSTRAINT "record_heads_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_heads" ADD CONSTRAINT "record_heads_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rejected_records_batch_idx" ON "rejected_records" USING btree ("batch_id","line_no");--> statement-breakpoint
CREATE INDEX "held_records_awaiting_idx" ON "held_records" USING btree ("source_id","awaiting_type","awaiting_id");--> statement-breakpoint
CREATE INDEX "record_heads_batch_idx" ON "record_heads" USING btree ("batch_id","record_type");--> statement-breakpoint
CREATE INDEX "record_versions_batch_idx" ON "record_versions" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "etl_runs_job_idx" ON "etl_runs" USING btree ("job","started_at");--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_source_key_uq" UNIQUE("source_id","idempotency_key");