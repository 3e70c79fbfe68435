-- The analytics copy of the system of record (Postgres). Every table is a
-- ReplacingMergeTree keyed by the Postgres id and versioned by `sync_version`: a row
-- synced twice (a retried or crashed sync) collapses to its newest copy, and every read
-- uses FINAL, so nothing is counted twice. The sort key is the identity alone, since a
-- row whose sort key changed would not collapse.
--
-- `region_path` is the region's path from the root (['150000', '152900', '152921']):
-- a league's figures include its banners and zones by `has(region_path, league)`.
-- Personal ID numbers never come here: entities carry the USCC of organisations only.

CREATE TABLE IF NOT EXISTS entities (
  entity_id UInt64,
  kind LowCardinality(String),
  uscc Nullable(String),
  name String,
  region_code LowCardinality(String),
  region_path Array(LowCardinality(String)),
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY entity_id;

CREATE TABLE IF NOT EXISTS projects (
  project_id UInt64,
  platform_code LowCardinality(String),
  category_code LowCardinality(String),
  region_code LowCardinality(String),
  region_path Array(LowCardinality(String)),
  registered_on Date,
  procurement_method LowCardinality(String),
  initiator_id Nullable(UInt64),
  agency_id Nullable(UInt64),
  budget Nullable(Decimal(18, 2)),
  award_total Nullable(Decimal(18, 2)),
  award_count UInt32,
  bid_count UInt32,
  complaint_count UInt32,
  is_electronic UInt8,
  is_remote_evaluation UInt8,
  first_notice_on Nullable(Date),
  first_award_on Nullable(Date),
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY project_id;

-- Bids without prices or fingerprints: analytics count bids, they never show them. The
-- statistics read bid counts from `projects`; this table serves entity profiles, so it
-- carries the project's region code rather than the whole path (10x the rows of projects:
-- the array cost as much to write as the rest of the row).
CREATE TABLE IF NOT EXISTS bids (
  bid_id UInt64,
  project_id UInt64,
  bidder_id UInt64,
  platform_code LowCardinality(String),
  category_code LowCardinality(String),
  region_code LowCardinality(String),
  registered_on Date,
  submitted_on Date,
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY bid_id;

CREATE TABLE IF NOT EXISTS awards (
  award_id UInt64,
  project_id UInt64,
  winner_id Nullable(UInt64),
  amount Nullable(Decimal(18, 2)),
  awarded_on Date,
  platform_code LowCardinality(String),
  category_code LowCardinality(String),
  region_path Array(LowCardinality(String)),
  registered_on Date,
  -- 1 when the winner is registered in another league or city than the project; NULL when
  -- the winner's region is not known (seed 000 Art. 42, market openness).
  winner_outside_league Nullable(UInt8),
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY award_id;

CREATE TABLE IF NOT EXISTS contracts (
  contract_id UInt64,
  project_id UInt64,
  supplier_id Nullable(UInt64),
  amount Nullable(Decimal(18, 2)),
  signed_on Nullable(Date),
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY contract_id;

CREATE TABLE IF NOT EXISTS complaints (
  complaint_id UInt64,
  project_id UInt64,
  complainant_id Nullable(UInt64),
  received_on Date,
  platform_code LowCardinality(String),
  category_code LowCardinality(String),
  region_path Array(LowCardinality(String)),
  registered_on Date,
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY complaint_id;

-- Penalties and blacklist entries belong to an entity, not a project: their region is the
-- entity's registered region (empty path when unknown).
CREATE TABLE IF NOT EXISTS penalties (
  penalty_id UInt64,
  entity_id UInt64,
  decided_on Date,
  published_on Nullable(Date),
  published_late_by Nullable(Int32),
  amount Nullable(Decimal(18, 2)),
  region_path Array(LowCardinality(String)),
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY penalty_id;

CREATE TABLE IF NOT EXISTS blacklist_entries (
  entry_id UInt64,
  entity_id UInt64,
  list_type LowCardinality(String),
  starts_on Date,
  ends_on Nullable(Date),
  removed_on Nullable(Date),
  region_path Array(LowCardinality(String)),
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY entry_id;
