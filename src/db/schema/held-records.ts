import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { batches } from './batches';
import { dataSources } from './data-sources';

/**
 * Records that refer to something the hub does not know yet (a bid whose project arrives
 * in tomorrow's batch). Kept, valid, until the parent arrives; then stored and linked.
 */
export const heldRecords = pgTable(
  'held_records',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    sourceId: integer()
      .notNull()
      .references(() => dataSources.id),
    batchId: bigint({ mode: 'number' })
      .notNull()
      .references(() => batches.id),
    lineNo: integer().notNull(),
    recordType: text().notNull(),
    recordId: text().notNull(),
    /** What it waits for: record type and the source's id of it. */
    awaitingType: text().notNull(),
    awaitingId: text().notNull(),
    record: jsonb().notNull(),
    heldAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp({ withTimezone: true }),
    releasedByBatchId: bigint({ mode: 'number' }),
  },
  (t) => [
    index('held_records_awaiting_idx').on(t.sourceId, t.awaitingType, t.awaitingId),
    // The analytics sync finds the rows a batch released through it (a released row names the batch that delivered it).
    index('held_records_released_by_idx').on(t.releasedByBatchId),
    // A batch's held lines: what ledger verification and a record's history ask of a batch.
    index('held_records_batch_idx').on(t.batchId, t.lineNo),
  ],
);
