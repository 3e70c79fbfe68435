import { bigint, boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { batches } from './batches';

/**
 * The raw lines of an uploaded batch, staged by COPY as they stream in and processed after
 * sealing. Nothing pushed is lost before processing: a crash leaves the lines here and the
 * batch is processed again from them.
 */
export const batchLines = pgTable(
  'batch_lines',
  {
    batchId: bigint({ mode: 'number' })
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    partNo: integer().notNull(),
    lineNo: integer().notNull(),
    /** The line as sent, or null when it was over the size limit (then `tooLong`). */
    raw: text(),
    tooLong: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.partNo, t.lineNo] })],
);
