import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { batches } from './batches';

/** One uploaded part of a batch. Uploading the same part number again replaces it. */
export const batchParts = pgTable(
  'batch_parts',
  {
    batchId: bigint({ mode: 'number' })
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    partNo: integer().notNull(),
    lines: integer().notNull(),
    bytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.partNo] })],
);
