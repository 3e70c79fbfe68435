import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { BATCH_STATUSES } from '../../ingestion/batch.enums';
import { dataSources } from './data-sources';

/**
 * One push or one ETL run's load (推送批次): who sent it, what they declared, what the hub
 * did with each record, and where it sits in the ledger.
 */
export const batches = pgTable(
  'batches',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    sourceId: integer()
      .notNull()
      .references(() => dataSources.id),
    /** The sender's idempotency key: the same key twice is the same batch. */
    idempotencyKey: text().notNull(),
    status: text({ enum: BATCH_STATUSES }).notNull().default('open'),
    note: text(),
    /** What the sender declared at sealing: record count and SHA-256 of the NDJSON content. */
    declaredCount: integer(),
    declaredSha256: text(),
    /** SHA-256 of the content as received, one `line\n` per non-empty line in part order. */
    contentSha256: text(),
    /** Lines read so far while processing, written outside the batch's transaction. */
    progressLines: integer().notNull().default(0),
    recordsReceived: integer().notNull().default(0),
    recordsStored: integer().notNull().default(0),
    recordsUnchanged: integer().notNull().default(0),
    recordsStale: integer().notNull().default(0),
    recordsHeld: integer().notNull().default(0),
    recordsRejected: integer().notNull().default(0),
    /** Held records of earlier batches that this batch's records let the hub link. */
    recordsReleased: integer().notNull().default(0),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sealedAt: timestamp({ withTimezone: true }),
    committedAt: timestamp({ withTimezone: true }),
    /**
     * When the analytics store (ClickHouse) received this batch's rows: the analytics sync's
     * watermark. Committed batches without it are the sync's work list.
     */
    analyticsSyncedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('batches_source_key_uq').on(t.sourceId, t.idempotencyKey),
    index('batches_analytics_pending_idx')
      .on(t.committedAt, t.id)
      .where(sql`status = 'committed' and analytics_synced_at is null`),
  ],
);
