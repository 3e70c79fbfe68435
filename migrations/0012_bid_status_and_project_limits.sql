ALTER TABLE "projects" ADD COLUMN "control_price" numeric(18, 2);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "total_investment" numeric(18, 2);--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "must_tender" boolean;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "status" text DEFAULT 'valid' NOT NULL;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "score" numeric(8, 3);--> statement-breakpoint
ALTER TABLE "bids" ADD COLUMN "rank" integer;--> statement-breakpoint
-- Hand-edited from here. A fact row's stamp is the hash of its text (hub_row_stamp,
-- migration 0010), which just gained ",,," (projects) or ",valid,,," (bids) at its end: a
-- row that still matched its stamp without the new columns is stamped anew; one that did
-- not keeps its old stamp, so verification goes on reporting it. The stamping trigger would
-- keep the old stamp on this update (same batch, version and content), so it is off meanwhile.
ALTER TABLE "projects" DISABLE TRIGGER "projects_stamp";--> statement-breakpoint
UPDATE "projects" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -4) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "projects" ENABLE TRIGGER "projects_stamp";--> statement-breakpoint
ALTER TABLE "bids" DISABLE TRIGGER "bids_stamp";--> statement-breakpoint
UPDATE "bids" x SET stored_hash = hub_row_stamp(x)
 WHERE x.stored_hash = encode(sha256(convert_to(left(jsonb_populate_record(x, '{"stored_hash": null}')::text, -10) || ')', 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "bids" ENABLE TRIGGER "bids_stamp";
