import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { batches } from './batches';
import { dataSources } from './data-sources';

/** Every accepted version of every record, as validated: a record's history. */
export const recordVersions = pgTable(
  'record_versions',
  {
    sourceId: integer()
      .notNull()
      .references(() => dataSources.id),
    recordType: text().notNull(),
    recordId: text().notNull(),
    sourceVersion: timestamp({ withTimezone: true }).notNull(),
    batchId: bigint({ mode: 'number' })
      .notNull()
      .references(() => batches.id),
    contentHash: text().notNull(),
    /** The validated record as canonical JSON (sorted keys): the text its content hash is of. */
    record: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.recordType, t.recordId, t.sourceVersion] }), index('record_versions_batch_idx').on(t.batchId)],
);
