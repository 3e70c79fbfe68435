import { bigint, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { batches } from './batches';

export interface RecordError {
  /** JSON path of the field at fault, e.g. `bidder.uscc`; empty for the whole record. */
  path: string;
  code: string;
  message: string;
}

/** Quarantine: every record the hub refused, with its errors and the line as sent. */
export const rejectedRecords = pgTable(
  'rejected_records',
  {
    batchId: bigint({ mode: 'number' })
      .notNull()
      .references(() => batches.id),
    lineNo: integer().notNull(),
    recordType: text(),
    recordId: text(),
    errors: jsonb().$type<RecordError[]>().notNull(),
    raw: text(),
  },
  (t) => [index('rejected_records_batch_idx').on(t.batchId, t.lineNo)],
);
