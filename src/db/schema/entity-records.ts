import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { batches } from './batches';
import { dataSources } from './data-sources';
import { entities } from './entities';

/**
 * The entity records a source has sent, each the head of its own versions. A fact row is
 * its own head (columns.ts, factProvenance), but the entity register keeps one row per
 * USCC or ID number whichever sources speak of it, so what each source last said about an
 * entity (its version, the content hash the pipeline compares a re-sent record with) is
 * kept here, small: no record body, one row per source and entity record.
 */
export const entityRecords = pgTable(
  'entity_records',
  {
    sourceId: integer()
      .notNull()
      .references(() => dataSources.id),
    recordId: text().notNull(),
    entityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    sourceVersion: timestamp({ withTimezone: true }).notNull(),
    contentHash: text().notNull(),
    batchId: bigint({ mode: 'number' })
      .notNull()
      .references(() => batches.id),
    /** SHA-256 of the entity row (its text form) when the batch committed: tampering shows here. */
    storedHash: text(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.recordId] }), index('entity_records_batch_idx').on(t.batchId)],
);
