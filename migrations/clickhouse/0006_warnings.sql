-- Raised warnings, as counts for the policy makers' WARNINGS measure: which indicator, how
-- severe, and where and when the project lies; no evidence, no entities (those stay in
-- Postgres, for supervisors within their remit). Written by the early-warning run as it
-- raises them; a warning is raised once, so a plain key suffices.
CREATE TABLE IF NOT EXISTS warnings (
  warning_id UInt64,
  indicator LowCardinality(String),
  severity LowCardinality(String),
  occurred_on Date,
  platform_code LowCardinality(String),
  category_code LowCardinality(String),
  region_path Array(LowCardinality(String)),
  sync_version UInt64
) ENGINE = ReplacingMergeTree(sync_version) ORDER BY warning_id;
