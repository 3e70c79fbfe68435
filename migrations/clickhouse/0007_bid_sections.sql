-- A bid's and an award's section by the lot code the sender gave (Postgres migration 0014):
-- '' for a project of one section. It replaces lot_id, which nothing filled: a lot's record
-- may arrive after its bids, and the code needs no lookup. Rows synced before this migration
-- have '' here until the next rebuild (npm run hub -- analytics rebuild).
ALTER TABLE bids ADD COLUMN IF NOT EXISTS lot_code String DEFAULT '' AFTER bidder_id;
ALTER TABLE bids DROP COLUMN IF EXISTS lot_id;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS lot_code String DEFAULT '' AFTER bidder_id;
ALTER TABLE bids_staging DROP COLUMN IF EXISTS lot_id;
ALTER TABLE awards ADD COLUMN IF NOT EXISTS lot_code String DEFAULT '' AFTER winner_id;
ALTER TABLE awards DROP COLUMN IF EXISTS lot_id;
