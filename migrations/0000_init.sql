CREATE TABLE "regions" (
	"code" varchar(12) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" varchar(12),
	"path" text NOT NULL,
	"is_local_code" boolean DEFAULT false NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"sort_order" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platforms" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" integer,
	"region_code" varchar(12) NOT NULL,
	"remit_region_codes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platforms_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "data_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"platform_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_sources_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "batches" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"records_received" integer DEFAULT 0 NOT NULL,
	"records_stored" integer DEFAULT 0 NOT NULL,
	"records_rejected" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"role" text NOT NULL,
	"platform_id" integer,
	"department" text,
	"category_codes" text[],
	"region_codes" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_keys_keyHash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"uscc" varchar(18),
	"person_id_number" varchar(18),
	"name" text NOT NULL,
	"registered_region_code" varchar(12),
	"address" text,
	"legal_representative" text,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entities_uscc_unique" UNIQUE("uscc"),
	CONSTRAINT "entities_personIdNumber_unique" UNIQUE("person_id_number"),
	CONSTRAINT "entities_source_record_uq" UNIQUE("source_id","source_record_id"),
	CONSTRAINT "entities_identifier_ck" CHECK (("entities"."kind" = 'organisation' and "entities"."uscc" is not null) or ("entities"."kind" = 'person' and "entities"."person_id_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform_id" integer NOT NULL,
	"project_code" text NOT NULL,
	"deal_code" text,
	"title" text NOT NULL,
	"category_code" text NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"initiator_id" bigint,
	"agency_id" bigint,
	"budget" numeric(18, 2),
	"procurement_method" text NOT NULL,
	"status" text NOT NULL,
	"is_electronic" boolean DEFAULT true NOT NULL,
	"supervisor_department" text,
	"registered_at" timestamp with time zone NOT NULL,
	"bid_opening_at" timestamp with time zone,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_dealCode_unique" UNIQUE("deal_code"),
	CONSTRAINT "projects_source_record_uq" UNIQUE("source_id","source_record_id"),
	CONSTRAINT "projects_platform_code_uq" UNIQUE("platform_id","project_code")
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"lot_code" text NOT NULL,
	"name" text NOT NULL,
	"budget" numeric(18, 2),
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lots_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"lot_id" bigint,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"url" text,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notices_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "bids" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"lot_id" bigint,
	"bidder_id" bigint NOT NULL,
	"price" numeric(18, 2),
	"submitted_at" timestamp with time zone NOT NULL,
	"deposit_form" text NOT NULL,
	"machine_code" text,
	"mac_address" text,
	"ip_address" text,
	"file_hash" text,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bids_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "bid_openings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"lot_id" bigint,
	"opened_at" timestamp with time zone NOT NULL,
	"location" text,
	"is_remote" boolean DEFAULT false NOT NULL,
	"bids_received" integer,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bid_openings_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "experts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"expert_code" text NOT NULL,
	"name" text NOT NULL,
	"person_id_number" varchar(18),
	"specialty" text,
	"region_code" varchar(12),
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experts_expertCode_unique" UNIQUE("expert_code"),
	CONSTRAINT "experts_personIdNumber_unique" UNIQUE("person_id_number"),
	CONSTRAINT "experts_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_committees" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"lot_id" bigint,
	"formed_at" timestamp with time zone NOT NULL,
	"is_remote" boolean DEFAULT false NOT NULL,
	"is_cross_region" boolean DEFAULT false NOT NULL,
	"reported_at" timestamp with time zone,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_committees_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "committee_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"committee_id" bigint NOT NULL,
	"expert_id" bigint NOT NULL,
	"role" text NOT NULL,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_members_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "awards" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"lot_id" bigint,
	"winner_id" bigint NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"awarded_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "awards_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"award_id" bigint,
	"supplier_id" bigint NOT NULL,
	"contract_code" text,
	"amount" numeric(18, 2) NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"period_start" date,
	"period_end" date,
	"status" text NOT NULL,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "contract_performances" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contract_id" bigint NOT NULL,
	"milestone" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"paid_amount" numeric(18, 2),
	"note" text,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_performances_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"complainant_id" bigint,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"handled_by" text,
	"result" text NOT NULL,
	"result_detail" text,
	"resolved_at" timestamp with time zone,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "witness_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"step" text NOT NULL,
	"witnessed_at" timestamp with time zone NOT NULL,
	"witness_name" text,
	"content" text NOT NULL,
	"violation_found" boolean DEFAULT false NOT NULL,
	"violation_detail" text,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "witness_records_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "suspensions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suspensions_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "credit_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_id" bigint,
	"expert_id" bigint,
	"polarity" text NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"authority" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_records_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "penalties" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_id" bigint NOT NULL,
	"decision_number" text NOT NULL,
	"authority" text NOT NULL,
	"decided_on" date NOT NULL,
	"published_on" date,
	"content" text NOT NULL,
	"amount" numeric(18, 2),
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "penalties_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "blacklist_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_id" bigint NOT NULL,
	"list_type" text NOT NULL,
	"authority" text NOT NULL,
	"basis" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"removed_on" date,
	"removal_reason" text,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "blacklist_entries_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity_id" bigint,
	"project_id" bigint,
	"department" text NOT NULL,
	"inspected_on" date NOT NULL,
	"result" text NOT NULL,
	"result_detail" text,
	"published_on" date,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spot_checks_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
CREATE TABLE "conduct_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"agency_id" bigint,
	"expert_id" bigint,
	"project_id" bigint,
	"recorded_on" date NOT NULL,
	"score" integer,
	"rating" text,
	"content" text NOT NULL,
	"source_id" integer NOT NULL,
	"batch_id" bigint NOT NULL,
	"source_record_id" text NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conduct_records_source_record_uq" UNIQUE("source_id","source_record_id")
);
--> statement-breakpoint
ALTER TABLE "platforms" ADD CONSTRAINT "platforms_parent_id_platforms_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platforms" ADD CONSTRAINT "platforms_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_sources" ADD CONSTRAINT "data_sources_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_registered_region_code_regions_code_fk" FOREIGN KEY ("registered_region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_platform_id_platforms_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."platforms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_category_code_categories_code_fk" FOREIGN KEY ("category_code") REFERENCES "public"."categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_initiator_id_entities_id_fk" FOREIGN KEY ("initiator_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_agency_id_entities_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_bidder_id_entities_id_fk" FOREIGN KEY ("bidder_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_openings" ADD CONSTRAINT "bid_openings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_openings" ADD CONSTRAINT "bid_openings_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_openings" ADD CONSTRAINT "bid_openings_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bid_openings" ADD CONSTRAINT "bid_openings_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_committees" ADD CONSTRAINT "evaluation_committees_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_committees" ADD CONSTRAINT "evaluation_committees_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_committees" ADD CONSTRAINT "evaluation_committees_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_committees" ADD CONSTRAINT "evaluation_committees_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_committee_id_evaluation_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."evaluation_committees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_members" ADD CONSTRAINT "committee_members_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_winner_id_entities_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "awards" ADD CONSTRAINT "awards_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_award_id_awards_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."awards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_supplier_id_entities_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_performances" ADD CONSTRAINT "contract_performances_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_performances" ADD CONSTRAINT "contract_performances_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_performances" ADD CONSTRAINT "contract_performances_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_complainant_id_entities_id_fk" FOREIGN KEY ("complainant_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "witness_records" ADD CONSTRAINT "witness_records_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "witness_records" ADD CONSTRAINT "witness_records_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "witness_records" ADD CONSTRAINT "witness_records_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suspensions" ADD CONSTRAINT "suspensions_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_records" ADD CONSTRAINT "credit_records_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "penalties" ADD CONSTRAINT "penalties_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_records" ADD CONSTRAINT "conduct_records_agency_id_entities_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_records" ADD CONSTRAINT "conduct_records_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_records" ADD CONSTRAINT "conduct_records_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_records" ADD CONSTRAINT "conduct_records_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conduct_records" ADD CONSTRAINT "conduct_records_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "api_keys_role_idx" ON "api_keys" USING btree ("role");--> statement-breakpoint
CREATE INDEX "entities_name_idx" ON "entities" USING btree ("name");--> statement-breakpoint
CREATE INDEX "projects_listing_idx" ON "projects" USING btree ("registered_at","id");--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_code","registered_at");--> statement-breakpoint
CREATE INDEX "projects_category_idx" ON "projects" USING btree ("category_code","registered_at");--> statement-breakpoint
CREATE INDEX "projects_platform_idx" ON "projects" USING btree ("platform_id","registered_at");--> statement-breakpoint
CREATE INDEX "lots_project_idx" ON "lots" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "notices_project_idx" ON "notices" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "bids_project_idx" ON "bids" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "bids_bidder_idx" ON "bids" USING btree ("bidder_id");--> statement-breakpoint
CREATE INDEX "bids_machine_code_idx" ON "bids" USING btree ("machine_code");--> statement-breakpoint
CREATE INDEX "bid_openings_project_idx" ON "bid_openings" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "evaluation_committees_project_idx" ON "evaluation_committees" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "committee_members_committee_idx" ON "committee_members" USING btree ("committee_id");--> statement-breakpoint
CREATE INDEX "awards_project_idx" ON "awards" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "awards_winner_idx" ON "awards" USING btree ("winner_id");--> statement-breakpoint
CREATE INDEX "contracts_project_idx" ON "contracts" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "contract_performances_contract_idx" ON "contract_performances" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "complaints_project_idx" ON "complaints" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "witness_records_project_idx" ON "witness_records" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "suspensions_project_idx" ON "suspensions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "credit_records_entity_idx" ON "credit_records" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "penalties_entity_idx" ON "penalties" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "penalties_decided_idx" ON "penalties" USING btree ("decided_on");--> statement-breakpoint
CREATE INDEX "blacklist_entries_entity_idx" ON "blacklist_entries" USING btree ("entity_id","starts_on");--> statement-breakpoint
CREATE INDEX "spot_checks_entity_idx" ON "spot_checks" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "conduct_records_agency_idx" ON "conduct_records" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "conduct_records_expert_idx" ON "conduct_records" USING btree ("expert_id");