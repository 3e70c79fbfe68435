-- What early warning compares across the bids of a section (issue 13): each bid's outcome
-- (status, score, rank), its price in yuan, when it came in, and the bid file's fingerprint.
-- Bid contents stay confidential until the project's bid opening: every query that reads
-- these columns filters on bid_opening_at as the statistics do (sealed-bids.ts), and no
-- API returns them from here. Rows synced before this migration have NULL here until the
-- next rebuild (npm run hub -- analytics rebuild).
ALTER TABLE bids ADD COLUMN IF NOT EXISTS lot_id Nullable(UInt64) AFTER bidder_id;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS price Nullable(Decimal(18, 2)) AFTER lot_id;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS status LowCardinality(String) DEFAULT 'valid' AFTER price;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS score Nullable(Decimal(8, 3)) AFTER status;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS rank Nullable(UInt32) AFTER score;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS submitted_at Nullable(DateTime64(3, 'UTC')) AFTER submitted_on;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS machine_code Nullable(String) AFTER submitted_at;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS mac_address Nullable(String) AFTER machine_code;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS ip_address Nullable(String) AFTER mac_address;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS file_hash Nullable(String) AFTER ip_address;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS lot_id Nullable(UInt64) AFTER bidder_id;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS price Nullable(Decimal(18, 2)) AFTER lot_id;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS status LowCardinality(String) DEFAULT 'valid' AFTER price;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS score Nullable(Decimal(8, 3)) AFTER status;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS rank Nullable(UInt32) AFTER score;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS submitted_at Nullable(DateTime64(3, 'UTC')) AFTER submitted_on;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS machine_code Nullable(String) AFTER submitted_at;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS mac_address Nullable(String) AFTER machine_code;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS ip_address Nullable(String) AFTER mac_address;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS file_hash Nullable(String) AFTER ip_address;
