-- What early warning compares (issue 13, docs/early-warning.md): each bid's section (lot),
-- outcome (status, score, rank), price in yuan, the instant it came in and the bid file's
-- fingerprint; each project's control price and whether the law requires it to be tendered.
-- Bid contents stay confidential until the project's bid opening: the indicators read these
-- columns only for projects past their opening (sealed-bids.ts), and no API answers with
-- them from here. Rows synced before this migration have NULL here until the next rebuild
-- (npm run hub -- analytics rebuild).
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
-- The staging table takes the instant as milliseconds since the epoch: Postgres formats an
-- integer far faster than a timestamp, and ClickHouse derives the day (CST) from it.
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS lot_id Nullable(UInt64) AFTER bidder_id;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS price Nullable(Decimal(18, 2)) AFTER lot_id;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS status LowCardinality(String) DEFAULT 'valid' AFTER price;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS score Nullable(Decimal(8, 3)) AFTER status;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS rank Nullable(UInt32) AFTER score;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS submitted_ms Int64 AFTER submitted_on;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS machine_code Nullable(String) AFTER submitted_ms;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS mac_address Nullable(String) AFTER machine_code;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS ip_address Nullable(String) AFTER mac_address;
ALTER TABLE bids_staging ADD COLUMN IF NOT EXISTS file_hash Nullable(String) AFTER ip_address;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS control_price Nullable(Decimal(18, 2)) AFTER budget;
ALTER TABLE projects ADD COLUMN IF NOT EXISTS must_tender Nullable(UInt8) AFTER control_price;
-- The award's section, so that a winner is matched with its own bid.
ALTER TABLE awards ADD COLUMN IF NOT EXISTS lot_id Nullable(UInt64) AFTER winner_id;
