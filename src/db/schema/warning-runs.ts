import { bigint, bigserial, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One run of the indicators: in full (nightly, or asked for) or incremental (after a sync,
 * over the projects whose analytics copy is newer than the last run's watermark).
 */
export const warningRuns = pgTable('warning_runs', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  kind: text({ enum: ['full', 'incremental'] }).notNull(),
  status: text({ enum: ['running', 'done', 'failed'] })
    .notNull()
    .default('running'),
  /** The highest analytics sync version the run saw: the next incremental run starts above it. */
  watermark: bigint({ mode: 'number' }),
  /** Per indicator: candidates found, warnings raised (new evidence), warnings brought up to date, milliseconds. */
  indicators: jsonb().$type<Record<string, { found: number; raised: number; updated: number; ms: number }>>(),
  raised: integer().notNull().default(0),
  error: text(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});
