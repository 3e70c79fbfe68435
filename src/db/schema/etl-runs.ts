import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One run of a scheduled ETL job: when, how it ended, what it loaded, why it failed. */
export const etlRuns = pgTable(
  'etl_runs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    job: text().notNull(),
    trigger: text({ enum: ['schedule', 'manual'] }).notNull(),
    status: text({ enum: ['running', 'succeeded', 'failed', 'skipped'] }).notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(1),
    batches: integer().notNull().default(0),
    records: integer().notNull().default(0),
    stored: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    held: integer().notNull().default(0),
    watermarkBefore: text(),
    watermarkAfter: text(),
    error: text(),
  },
  (t) => [index('etl_runs_job_idx').on(t.job, t.startedAt)],
);

/** How far each pulling job has come, advanced only after the data up to it is committed. */
export const etlWatermarks = pgTable('etl_watermarks', {
  job: text().primaryKey(),
  watermark: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
