import { bigint, bigserial, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { batches } from './batches';

/**
 * The ingestion ledger (存证): one entry per committed batch, each hashing the batch's
 * digest together with the previous entry's hash, so any later change shows.
 */
export const ledgerEntries = pgTable('ledger_entries', {
  seq: bigserial({ mode: 'number' }).primaryKey(),
  batchId: bigint({ mode: 'number' })
    .notNull()
    .unique()
    .references(() => batches.id),
  /** SHA-256 over the batch's accepted records (type, id, version, content hash), sorted. */
  batchDigest: text().notNull(),
  records: integer().notNull(),
  previousHash: text().notNull(),
  entryHash: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
