-- One write per record (issue 11). A fact row becomes its record's head: it carries the
-- content hash of the version it holds and the ledger's stamp of the row, so record_heads
-- goes; entity records keep a small head table of their own (entity_records), since one
-- entity row serves every source. record_versions, a copy of every accepted version, goes:
-- a record's history is its staged lines, and a batch's ledger digest is now taken over
-- its valid staged lines. Entries sealed before this migration keep their digest (over the
-- versions table, now gone) and say so in digest_of; their chain still verifies.;
--> statement-breakpoint
CREATE TABLE "entity_records" (
	"source_id" integer NOT NULL,
	"record_id" text NOT NULL,
	"entity_id" bigint NOT NULL,
	"source_version" timestamp with time zone NOT NULL,
	"content_hash" text NOT NULL,
	"batch_id" bigint NOT NULL,
	"stored_hash" text,
	CONSTRAINT "entity_records_source_id_record_id_pk" PRIMARY KEY("source_id","record_id")
);;
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "bid_openings" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "bid_openings" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "experts" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "evaluation_committees" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "evaluation_committees" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "contract_performances" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "contract_performances" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "witness_records" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "witness_records" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "suspensions" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "suspensions" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "credit_records" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "penalties" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "spot_checks" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "conduct_records" ADD COLUMN "content_hash" text;;
--> statement-breakpoint
ALTER TABLE "conduct_records" ADD COLUMN "stored_hash" text;;
--> statement-breakpoint
ALTER TABLE "entity_records" ADD CONSTRAINT "entity_records_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;;
--> statement-breakpoint
ALTER TABLE "entity_records" ADD CONSTRAINT "entity_records_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;;
--> statement-breakpoint
ALTER TABLE "entity_records" ADD CONSTRAINT "entity_records_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;;
--> statement-breakpoint
CREATE INDEX "entity_records_batch_idx" ON "entity_records" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "projects_batch_idx" ON "projects" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "lots_batch_idx" ON "lots" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "notices_batch_idx" ON "notices" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "bids_batch_idx" ON "bids" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "bid_openings_batch_idx" ON "bid_openings" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "experts_batch_idx" ON "experts" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "evaluation_committees_batch_idx" ON "evaluation_committees" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "awards_batch_idx" ON "awards" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "contracts_batch_idx" ON "contracts" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "contract_performances_batch_idx" ON "contract_performances" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "complaints_batch_idx" ON "complaints" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "witness_records_batch_idx" ON "witness_records" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "suspensions_batch_idx" ON "suspensions" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "credit_records_batch_idx" ON "credit_records" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "penalties_batch_idx" ON "penalties" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "blacklist_entries_batch_idx" ON "blacklist_entries" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "spot_checks_batch_idx" ON "spot_checks" USING btree ("batch_id");;
--> statement-breakpoint
CREATE INDEX "conduct_records_batch_idx" ON "conduct_records" USING btree ("batch_id");;
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "digest_of" text DEFAULT 'record_versions' NOT NULL;
--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "digest_of" SET DEFAULT 'staged_lines';
--> statement-breakpoint
CREATE INDEX "held_records_released_by_idx" ON "held_records" USING btree ("released_by_batch_id");
--> statement-breakpoint
CREATE INDEX "held_records_batch_idx" ON "held_records" USING btree ("batch_id","line_no");
--> statement-breakpoint
-- Backfill mode keeps the foreign keys it set aside here (src/ingestion/backfill).
CREATE TABLE "deferred_foreign_keys" (
	"table_name" text NOT NULL,
	"constraint_name" text NOT NULL,
	"definition" text NOT NULL,
	"deferred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deferred_foreign_keys_table_name_constraint_name_pk" PRIMARY KEY("table_name","constraint_name")
);
--> statement-breakpoint
-- The ledger's stamp of a fact row: the SHA-256 of the row's text form with the stamp itself
-- left out. The trigger below and verification compute it the same way.
CREATE FUNCTION hub_row_stamp(r anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_populate_record(r, '{"stored_hash": null}')::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
INSERT INTO entity_records (source_id, record_id, entity_id, source_version, content_hash, batch_id, stored_hash)
SELECT source_id, record_id, target_id, source_version, content_hash, batch_id, stored_hash FROM record_heads WHERE record_type = 'entity';
--> statement-breakpoint
-- projects: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "projects" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'project' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "projects" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- lots: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "lots" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'lot' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "lots" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- notices: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "notices" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'notice' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "notices" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- bids: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "bids" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'bid' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "bids" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- bid_openings: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "bid_openings" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'bid_opening' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "bid_openings" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- experts: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "experts" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'expert' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "experts" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- evaluation_committees: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "evaluation_committees" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'evaluation' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "evaluation_committees" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- awards: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "awards" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'award' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "awards" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- contracts: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "contracts" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'contract' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "contracts" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- contract_performances: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "contract_performances" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'contract_performance' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "contract_performances" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- complaints: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "complaints" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'complaint' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "complaints" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- witness_records: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "witness_records" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'witness_record' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "witness_records" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- suspensions: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "suspensions" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'suspension' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "suspensions" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- credit_records: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "credit_records" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'credit_record' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "credit_records" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- penalties: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "penalties" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'penalty' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "penalties" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- blacklist_entries: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "blacklist_entries" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'blacklist_entry' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "blacklist_entries" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- spot_checks: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "spot_checks" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'spot_check' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "spot_checks" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- conduct_records: the head's content hash moves into the row; a row that still matched its head's
-- stamp is stamped anew (the row text gained two empty columns, ",,)"), one that did not
-- keeps no stamp, so verification goes on reporting it. Rows without a head (not written by
-- the pipeline) are stamped as they are.
UPDATE "conduct_records" x SET content_hash = h.content_hash,
  stored_hash = CASE WHEN h.stored_hash = encode(sha256(convert_to(left(x::text, -3) || ')', 'UTF8')), 'hex') THEN 'matched' END
FROM record_heads h WHERE h.record_type = 'conduct_record' AND h.source_id = x.source_id AND h.record_id = x.source_record_id AND h.target_id = x.id;
--> statement-breakpoint
UPDATE "conduct_records" x SET stored_hash = hub_row_stamp(x) WHERE x.stored_hash = 'matched' OR x.content_hash IS NULL;
--> statement-breakpoint
-- The pipeline writes a version (new row, or a newer version, batch or content): the row is
-- stamped. Any other change keeps the stamp it had, so an edit made behind the hub's back
-- no longer matches it and the ledger's verification names the row and its batch.
CREATE FUNCTION hub_stamp_fact_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.batch_id = OLD.batch_id AND NEW.source_version = OLD.source_version
     AND NEW.content_hash IS NOT DISTINCT FROM OLD.content_hash THEN
    NEW.stored_hash := OLD.stored_hash;
  ELSE
    NEW.stored_hash := hub_row_stamp(NEW);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "projects_stamp" BEFORE INSERT OR UPDATE ON "projects" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "lots_stamp" BEFORE INSERT OR UPDATE ON "lots" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "notices_stamp" BEFORE INSERT OR UPDATE ON "notices" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "bids_stamp" BEFORE INSERT OR UPDATE ON "bids" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "bid_openings_stamp" BEFORE INSERT OR UPDATE ON "bid_openings" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "experts_stamp" BEFORE INSERT OR UPDATE ON "experts" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "evaluation_committees_stamp" BEFORE INSERT OR UPDATE ON "evaluation_committees" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "awards_stamp" BEFORE INSERT OR UPDATE ON "awards" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "contracts_stamp" BEFORE INSERT OR UPDATE ON "contracts" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "contract_performances_stamp" BEFORE INSERT OR UPDATE ON "contract_performances" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "complaints_stamp" BEFORE INSERT OR UPDATE ON "complaints" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "witness_records_stamp" BEFORE INSERT OR UPDATE ON "witness_records" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "suspensions_stamp" BEFORE INSERT OR UPDATE ON "suspensions" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "credit_records_stamp" BEFORE INSERT OR UPDATE ON "credit_records" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "penalties_stamp" BEFORE INSERT OR UPDATE ON "penalties" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "blacklist_entries_stamp" BEFORE INSERT OR UPDATE ON "blacklist_entries" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "spot_checks_stamp" BEFORE INSERT OR UPDATE ON "spot_checks" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
CREATE TRIGGER "conduct_records_stamp" BEFORE INSERT OR UPDATE ON "conduct_records" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();
--> statement-breakpoint
DROP TABLE "record_heads" CASCADE;
--> statement-breakpoint
DROP TABLE "record_versions" CASCADE;
