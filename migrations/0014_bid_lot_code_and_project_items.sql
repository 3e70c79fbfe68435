ALTER TABLE "projects" ADD COLUMN "items" jsonb;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "lot_code" text;--> statement-breakpoint
ALTER TABLE "awards" ADD COLUMN "lot_code" text;--> statement-breakpoint
ALTER TABLE "warnings" DROP COLUMN "lot_id";--> statement-breakpoint
ALTER TABLE "warnings" ADD COLUMN "lot_code" text;--> statement-breakpoint
-- Hand-edited from here, as in 0012. A fact row's stamp is the hash of its text
-- (hub_row_stamp, migration 0010), which just gained "," (one empty column) at its end: a row
-- that still matched its stamp without the new column is stamped anew; one that did not keeps
-- its old stamp, so verification goes on reporting it. The stamping trigger would keep the old
-- stamp on this update (same batch, version and content), so it is off meanwhile.
ALTER TABLE "projects" DISABLE TRIGGER "projects_stamp";--> statement-breakpoint
UPDATE "projects" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -2) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "projects" ENABLE TRIGGER "projects_stamp";--> statement-breakpoint
ALTER TABLE "bids" DISABLE TRIGGER "bids_stamp";--> statement-breakpoint
UPDATE "bids" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -2) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "bids" ENABLE TRIGGER "bids_stamp";--> statement-breakpoint
ALTER TABLE "awards" DISABLE TRIGGER "awards_stamp";--> statement-breakpoint
UPDATE "awards" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -2) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "awards" ENABLE TRIGGER "awards_stamp";
