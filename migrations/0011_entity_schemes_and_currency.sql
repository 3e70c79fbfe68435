CREATE TABLE "entity_identifiers" (
	"scheme_key" text PRIMARY KEY NOT NULL,
	"entity_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"currency" varchar(3) NOT NULL,
	"month" date NOT NULL,
	"yuan_per_unit" numeric(20, 8) NOT NULL,
	"source" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_currency_month_pk" PRIMARY KEY("currency","month")
);
--> statement-breakpoint
ALTER TABLE "entities" DROP CONSTRAINT "entities_identifier_ck";--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "identified_by" text;--> statement-breakpoint
-- Hand-edited: every entity so far was kept by its USCC or a person's ID number.
UPDATE "entities" SET "identified_by" = CASE WHEN "uscc" IS NOT NULL THEN 'uscc' ELSE 'id_number' END;--> statement-breakpoint
ALTER TABLE "entities" ALTER COLUMN "identified_by" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "scheme_key" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "currency" varchar(3) DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "currency" varchar(3) DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "currency" varchar(3) DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "currency" varchar(3) DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "currency" varchar(3) DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_performances" ADD COLUMN "currency" varchar(3) DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "currency" varchar(3) DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE "entity_identifiers" ADD CONSTRAINT "entity_identifiers_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entity_identifiers_entity_idx" ON "entity_identifiers" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "entities_uscc_org_code_idx" ON "entities" USING btree (substring("uscc" from 9 for 9));--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_schemeKey_unique" UNIQUE("scheme_key");--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_identifier_ck" CHECK (("entities"."kind" = 'person' and "entities"."person_id_number" is not null and "entities"."uscc" is null) or ("entities"."kind" = 'organisation' and "entities"."person_id_number" is null and ("entities"."uscc" is not null or "entities"."scheme_key" is not null)));
--> statement-breakpoint
-- Hand-edited from here. A fact row's stamp (hub_row_stamp, migration 0010) is the hash of
-- its text, which just gained ",CNY" at its end: a row that still matched its stamp without
-- the new column is stamped anew; one that did not keeps its old stamp, so verification goes
-- on reporting it. The stamping trigger would keep the old stamp on this update (same batch,
-- version and content), so it is off while the rows are restamped.
ALTER TABLE "projects" DISABLE TRIGGER "projects_stamp";--> statement-breakpoint
UPDATE "projects" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -5) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "projects" ENABLE TRIGGER "projects_stamp";--> statement-breakpoint
ALTER TABLE "lots" DISABLE TRIGGER "lots_stamp";--> statement-breakpoint
UPDATE "lots" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -5) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "lots" ENABLE TRIGGER "lots_stamp";--> statement-breakpoint
ALTER TABLE "bids" DISABLE TRIGGER "bids_stamp";--> statement-breakpoint
UPDATE "bids" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -5) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "bids" ENABLE TRIGGER "bids_stamp";--> statement-breakpoint
ALTER TABLE "awards" DISABLE TRIGGER "awards_stamp";--> statement-breakpoint
UPDATE "awards" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -5) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "awards" ENABLE TRIGGER "awards_stamp";--> statement-breakpoint
ALTER TABLE "contracts" DISABLE TRIGGER "contracts_stamp";--> statement-breakpoint
UPDATE "contracts" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -5) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "contracts" ENABLE TRIGGER "contracts_stamp";--> statement-breakpoint
ALTER TABLE "contract_performances" DISABLE TRIGGER "contract_performances_stamp";--> statement-breakpoint
UPDATE "contract_performances" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -5) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "contract_performances" ENABLE TRIGGER "contract_performances_stamp";--> statement-breakpoint
ALTER TABLE "penalties" DISABLE TRIGGER "penalties_stamp";--> statement-breakpoint
UPDATE "penalties" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -5) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "penalties" ENABLE TRIGGER "penalties_stamp";--> statement-breakpoint
-- An entity record's stamp is the hash of its entity's row text (ledger.repository.ts), which
-- just gained ",<identified_by>," (scheme_key is null): a stamp that matched the row without
-- them is taken anew, one that did not stays, so verification goes on reporting it.
UPDATE "entity_records" h SET stored_hash = encode(sha256(convert_to(x::text, 'UTF8')), 'hex')
  FROM "entities" x
 WHERE x.id = h.entity_id
   AND h.stored_hash = encode(sha256(convert_to(left(x::text, -(length(x.identified_by) + 3)) || ')', 'UTF8')), 'hex');--> statement-breakpoint
-- An amount in yuan: as it is in CNY, else by the rate of the month it counts under; null
-- (left out of statistics in yuan, and counted) when that month has no rate.
CREATE FUNCTION hub_in_yuan(amount numeric, currency text, on_day date) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN amount IS NULL THEN NULL
              WHEN currency = 'CNY' THEN amount
              ELSE round(amount * (SELECT r.yuan_per_unit FROM exchange_rates r
                                    WHERE r.currency = hub_in_yuan.currency AND r.month = date_trunc('month', on_day)::date), 2) END
$$;
