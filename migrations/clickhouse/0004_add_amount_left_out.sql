-- Amounts in the analytics store are in yuan: the sync converts other currencies by the
-- rate of their month (Postgres exchange_rates, hub_in_yuan) and leaves an amount it cannot
-- convert NULL. A project whose budget or any award could not be converted is marked here,
-- so the statistics can say how many projects their money figures leave out
-- (AMOUNTS_LEFT_OUT, docs/statistics.md "Currencies").
ALTER TABLE projects ADD COLUMN IF NOT EXISTS amount_left_out UInt8 DEFAULT 0 AFTER award_total;
