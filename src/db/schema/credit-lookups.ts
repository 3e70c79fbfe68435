import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { apiKeys } from './api-keys';

/**
 * The audit log of credit lookups (信用查询记录): who asked what, when, and how much came
 * back. Credit data about people is personal data, so every lookup is kept; natural
 * persons' ID numbers are stored masked, like everywhere else.
 *
 * Partitioned by month of asked_at (migrations/0016, by hand: drizzle-kit cannot write
 * PARTITION BY); the hub creates months ahead and drops those past their retention
 * (src/db/partitions.ts). Postgres wants the partition key in the primary key.
 */
export const creditLookups = pgTable(
  'credit_lookups',
  {
    id: bigserial({ mode: 'number' }).notNull(),
    keyId: integer()
      .notNull()
      .references(() => apiKeys.id),
    operation: text({ enum: ['creditStatus', 'searchEntities', 'creditChanges', 'entityProfile'] }).notNull(),
    /** Codes asked for (ID numbers masked), or the name searched. */
    asked: text().array().notNull(),
    /** What came back, e.g. { codes: 1000, known: 812, blacklisted: 17 }. */
    resultCounts: jsonb().$type<Record<string, number>>().notNull(),
    askedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id, t.askedAt] }), index('credit_lookups_key_idx').on(t.keyId, t.askedAt)],
);
