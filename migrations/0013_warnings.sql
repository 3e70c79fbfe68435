CREATE TABLE "warning_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"watermark" bigint,
	"indicators" jsonb,
	"raised" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "warnings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator" text NOT NULL,
	"rule_version" integer NOT NULL,
	"thresholds" jsonb NOT NULL,
	"severity" text NOT NULL,
	"evidence_key" text NOT NULL,
	"project_id" bigint,
	"lot_id" bigint,
	"project_ids" bigint[] NOT NULL,
	"entity_ids" bigint[] NOT NULL,
	"evidence" jsonb NOT NULL,
	"summary" text NOT NULL,
	"region_code" varchar(12),
	"category_code" text,
	"platform_id" integer,
	"occurred_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assignee" text,
	"decision_note" text,
	"referred_to" text,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"run_id" bigint,
	CONSTRAINT "warnings_evidence_uq" UNIQUE("indicator","evidence_key")
);
--> statement-breakpoint
CREATE TABLE "warning_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"warning_id" bigint NOT NULL,
	"action" text NOT NULL,
	"key_id" integer,
	"actor" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_run_id_warning_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."warning_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_events" ADD CONSTRAINT "warning_events_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_events" ADD CONSTRAINT "warning_events_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "warnings_queue_idx" ON "warnings" USING btree ("status","raised_at","id");--> statement-breakpoint
CREATE INDEX "warnings_project_idx" ON "warnings" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "warnings_region_idx" ON "warnings" USING btree ("region_code","raised_at");--> statement-breakpoint
CREATE INDEX "warnings_entities_idx" ON "warnings" USING gin ("entity_ids");--> statement-breakpoint
CREATE INDEX "warning_events_warning_idx" ON "warning_events" USING btree ("warning_id","at");