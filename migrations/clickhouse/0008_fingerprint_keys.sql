-- Each fingerprint normalised as early warning compares it (trimmed, lower case, a MAC
-- without separators) and hashed, 0 when absent: the indicators group 10,000,000 bids by
-- these integers instead of by four strings each, and read the strings only for the few
-- values shared. Computed as a row is written; rows written before are computed on read.
ALTER TABLE bids ADD COLUMN IF NOT EXISTS machine_key UInt64 MATERIALIZED if(trimBoth(ifNull(machine_code, '')) = '', 0, cityHash64(lower(trimBoth(machine_code))));
ALTER TABLE bids ADD COLUMN IF NOT EXISTS mac_key UInt64 MATERIALIZED
  if(replaceRegexpAll(ifNull(mac_address, ''), '[-:. ]', '') = '', 0, cityHash64(lower(replaceRegexpAll(mac_address, '[-:. ]', ''))));
ALTER TABLE bids ADD COLUMN IF NOT EXISTS ip_key UInt64 MATERIALIZED if(trimBoth(ifNull(ip_address, '')) = '', 0, cityHash64(lower(trimBoth(ip_address))));
ALTER TABLE bids ADD COLUMN IF NOT EXISTS file_key UInt64 MATERIALIZED if(trimBoth(ifNull(file_hash, '')) = '', 0, cityHash64(lower(trimBoth(file_hash))));
