import { bigserial, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { dataSources } from './data-sources';

/** One push or one ETL run's load (推送批次). The ingestion issue adds receipts and the ledger. */
export const batches = pgTable('batches', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  sourceId: integer()
    .notNull()
    .references(() => dataSources.id),
  /** The sender's idempotency key: the same key twice is the same batch. */
  idempotencyKey: text().notNull(),
  status: text({ enum: ['open', 'sealed', 'processing', 'committed', 'failed'] }).notNull().default('open'),
  note: text(),
  recordsReceived: integer().notNull().default(0),
  recordsStored: integer().notNull().default(0),
  recordsRejected: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  committedAt: timestamp({ withTimezone: true }),
});
