ALTER TABLE "batches" ADD COLUMN "analytics_synced_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "batches_analytics_pending_idx" ON "batches" USING btree ("committed_at","id") WHERE status = 'committed' and analytics_synced_at is null;--> statement-breakpoint
CREATE INDEX "entities_batch_idx" ON "entities" USING btree ("batch_id");