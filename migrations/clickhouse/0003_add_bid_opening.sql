-- Bid contents, bidders and so their number are confidential until the project's bid
-- opening (开标; src/auth/access.ts bidsSealed). The statistics and entity profiles leave
-- out the bids of projects whose opening is in the future or unknown, comparing this column
-- with the time of each query: an opening set or moved later, or simply reached, needs no
-- new sync to take effect. Bids carry their project's opening too (copied with the
-- project's other dimensions, and again whenever the project changes), so an entity
-- profile reads one table.
--
-- Rows synced before this migration have NULL here and count as sealed until the next
-- rebuild (npm run hub -- analytics rebuild): the safe side of the rule.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS bid_opening_at Nullable(DateTime64(3, 'UTC')) AFTER registered_on;
ALTER TABLE bids ADD COLUMN IF NOT EXISTS bid_opening_at Nullable(DateTime64(3, 'UTC')) AFTER submitted_on;
