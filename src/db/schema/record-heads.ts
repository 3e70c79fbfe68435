import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { batches } from './batches';
import { dataSources } from './data-sources';

/**
 * The current version of every record a source has sent, and the row it lives in. The
 * ingestion pipeline decides new / newer / unchanged / stale against it, resolves a child's
 * reference to its parent through it, and the ledger keeps the hash of the stored row.
 */
export const recordHeads = pgTable(
  'record_heads',
  {
    sourceId: integer()
      .notNull()
      .references(() => dataSources.id),
    recordType: text().notNull(),
    recordId: text().notNull(),
    targetId: bigint({ mode: 'number' }).notNull(),
    sourceVersion: timestamp({ withTimezone: true }).notNull(),
    contentHash: text().notNull(),
    batchId: bigint({ mode: 'number' })
      .notNull()
      .references(() => batches.id),
    /** SHA-256 of the stored row (its text form) when its batch committed: tampering shows here. */
    storedHash: text(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.recordType, t.recordId] }), index('record_heads_batch_idx').on(t.batchId, t.recordType)],
);
