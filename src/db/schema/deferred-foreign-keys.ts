import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Foreign keys set aside for a backfill (`npm run hub -- backfill begin`), with the
 * definition that makes each again: kept in the database, so that whichever process ends
 * the backfill, or a hub starting meanwhile, knows what is missing.
 */
export const deferredForeignKeys = pgTable(
  'deferred_foreign_keys',
  {
    tableName: text().notNull(),
    constraintName: text().notNull(),
    definition: text().notNull(),
    deferredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.constraintName] })],
);
