-- Bids partitioned by month of submitted_at, China Standard Time, as the lookup audit (0016) and
-- the staged lines (0017) are by their own times: bids_YYYY_MM for the months that hold bids
-- and the current one and three ahead (the hub creates later ones itself), and bids_default for
-- a bid of a month with no partition (history older than the table's months, or a date far
-- ahead). Hand-written: drizzle-kit cannot write PARTITION BY.
--
-- Postgres wants each unique key of a partitioned table to hold the partition key: the primary
-- key becomes (id, submitted_at), and the one-row-per-source-record rule that the unique key
-- (source_id, source_record_id) kept moves to bid_keys, kept by the trigger hub_claim_bid_key for
-- every writer. A bid whose submitted_at changes moves to its new month by itself.
--
-- Rows are copied as they are, stamps included: the stamp trigger is created after the copy, so a
-- row edited behind the hub's back before this migration still fails the ledger's verification.
ALTER TABLE "bids" RENAME TO "bids_unpartitioned";--> statement-breakpoint
DROP TRIGGER "bids_stamp" ON "bids_unpartitioned";--> statement-breakpoint
ALTER TABLE "bids_unpartitioned" DROP CONSTRAINT "bids_source_record_uq";--> statement-breakpoint
ALTER TABLE "bids_unpartitioned" DROP CONSTRAINT "bids_pkey";--> statement-breakpoint
DROP INDEX "bids_batch_idx";--> statement-breakpoint
DROP INDEX "bids_project_idx";--> statement-breakpoint
DROP INDEX "bids_bidder_idx";--> statement-breakpoint
DROP INDEX "bids_machine_code_idx";--> statement-breakpoint
CREATE TABLE "bids" (LIKE "bids_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("submitted_at");--> statement-breakpoint
ALTER SEQUENCE "bids_id_seq" OWNED BY "bids"."id";--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_id_submitted_at_pk" PRIMARY KEY ("id", "submitted_at");--> statement-breakpoint
DO $$
DECLARE
	m timestamptz;
BEGIN
	FOR m IN
		SELECT date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' FROM "bids_unpartitioned"
		UNION
		SELECT (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + make_interval(months => k)) AT TIME ZONE 'Asia/Shanghai' FROM generate_series(0, 3) k
	LOOP
		EXECUTE format('CREATE TABLE %I PARTITION OF "bids" FOR VALUES FROM (%L) TO (%L)',
			'bids_' || to_char(m AT TIME ZONE 'Asia/Shanghai', 'YYYY_MM'), m, (m AT TIME ZONE 'Asia/Shanghai' + interval '1 month') AT TIME ZONE 'Asia/Shanghai');
	END LOOP;
END $$;--> statement-breakpoint
CREATE TABLE "bids_default" PARTITION OF "bids" DEFAULT;--> statement-breakpoint
INSERT INTO "bids" SELECT * FROM "bids_unpartitioned";--> statement-breakpoint
CREATE TABLE "bid_keys" (
	"source_id" integer NOT NULL,
	"source_record_id" text NOT NULL,
	"bid_id" bigint NOT NULL,
	CONSTRAINT "bid_keys_pk" PRIMARY KEY("source_id","source_record_id")
);--> statement-breakpoint
INSERT INTO "bid_keys" ("source_id", "source_record_id", "bid_id") SELECT "source_id", "source_record_id", "id" FROM "bids_unpartitioned";--> statement-breakpoint
DROP TABLE "bids_unpartitioned";--> statement-breakpoint
ALTER TABLE "bid_keys" ADD CONSTRAINT "bid_keys_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_bidder_id_entities_id_fk" FOREIGN KEY ("bidder_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bids_source_record_idx" ON "bids" USING btree ("source_id","source_record_id");--> statement-breakpoint
CREATE INDEX "bids_batch_idx" ON "bids" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "bids_project_idx" ON "bids" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "bids_bidder_idx" ON "bids" USING btree ("bidder_id");--> statement-breakpoint
CREATE INDEX "bids_machine_code_idx" ON "bids" USING btree ("machine_code");--> statement-breakpoint
CREATE TRIGGER "bids_stamp" BEFORE INSERT OR UPDATE ON "bids" FOR EACH ROW EXECUTE FUNCTION hub_stamp_fact_row();--> statement-breakpoint
-- One row per source record, whoever writes: a new record claims its key; a second row for a
-- key whose row is still there is refused with unique_violation, as the unique key refused it;
-- a key whose row is gone (deleted by hand) passes to the new row. A bid that
-- moves month comes back as an insert of the same id, which its key already names.
CREATE FUNCTION hub_claim_bid_key() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	holder bigint;
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.source_id = OLD.source_id AND NEW.source_record_id = OLD.source_record_id THEN
		RETURN NULL;
	END IF;
	SELECT k.bid_id INTO holder FROM bid_keys k WHERE k.source_id = NEW.source_id AND k.source_record_id = NEW.source_record_id FOR UPDATE;
	IF holder IS NULL THEN
		INSERT INTO bid_keys (source_id, source_record_id, bid_id) VALUES (NEW.source_id, NEW.source_record_id, NEW.id);
	ELSIF holder <> NEW.id THEN
		IF EXISTS (SELECT 1 FROM bids b WHERE b.id = holder) THEN
			RAISE EXCEPTION 'duplicate key value violates unique constraint "bid_keys_pk"'
				USING ERRCODE = 'unique_violation', CONSTRAINT = 'bid_keys_pk', TABLE = 'bids',
				      DETAIL = format('Key (source_id, source_record_id)=(%s, %s) already exists.', NEW.source_id, NEW.source_record_id);
		END IF;
		UPDATE bid_keys SET bid_id = NEW.id WHERE source_id = NEW.source_id AND source_record_id = NEW.source_record_id;
	END IF;
	IF TG_OP = 'UPDATE' THEN
		DELETE FROM bid_keys WHERE source_id = OLD.source_id AND source_record_id = OLD.source_record_id AND bid_id = OLD.id;
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "bids_key" AFTER INSERT OR UPDATE OF "source_id", "source_record_id" ON "bids" FOR EACH ROW EXECUTE FUNCTION hub_claim_bid_key();
