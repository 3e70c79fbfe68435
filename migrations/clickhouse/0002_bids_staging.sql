-- Bids arrive from Postgres with their own columns only; the sync adds each bid's project
-- dimensions from the analytics copy of the project (see src/analytics/sync/tables.ts).
-- Only the sync writes here, one round at a time, and empties it after each use.
CREATE TABLE IF NOT EXISTS bids_staging (
  bid_id UInt64,
  project_id UInt64,
  bidder_id UInt64,
  submitted_on Date,
  sync_version UInt64
) ENGINE = MergeTree ORDER BY project_id;
