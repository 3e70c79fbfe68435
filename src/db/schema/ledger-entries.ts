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
  /**
   * SHA-256 over the batch's valid staged lines (type, id, version, content hash), in line
   * order: what the batch received, recomputable from its staged lines while they are kept.
   */
  batchDigest: text().notNull(),
  /**
   * What the digest covers: `staged_lines` (above), or `record_versions` for entries sealed
   * before migration 0010, whose accepted versions table is gone (their chain still verifies).
   */
  digestOf: text({ enum: ['staged_lines', 'record_versions'] })
    .notNull()
    .default('staged_lines'),
  records: integer().notNull(),
  previousHash: text().notNull(),
  entryHash: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
