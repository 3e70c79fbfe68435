import { bigint, boolean, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { batches } from './batches';

/**
 * The raw lines of an uploaded batch, staged by COPY as they stream in and processed after
 * sealing. Nothing pushed is lost before processing: a crash leaves the lines here and the
 * batch is processed again from them.
 *
 * Partitioned by China Standard Time month of staged_at (migrations/0017, by hand): the nightly
 * prune drops a month whose batches are all past retention instead of deleting its lines one
 * by one (src/ingestion/retention). Postgres wants the partition key in the primary key.
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
    /** When the line was staged (the COPY leaves it to the default): its partition's month. */
    stagedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.partNo, t.lineNo, t.stagedAt] })],
);
