import { doublePrecision, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Token buckets shared by every hub process on the database: a credit key's lookups per
 * second hold across processes behind a balancer, where a bucket in each process's memory
 * would let N processes allow N times the rate. One row per bucket (`credit:<key id>`),
 * refilled on each take from the time since the last. The table is UNLOGGED (hand-edited in
 * migration 0015, which drizzle-kit cannot write): see the migration for why.
 */
export const rateBuckets = pgTable('rate_buckets', {
  name: text().primaryKey(),
  tokens: doublePrecision().notNull(),
  refilledAt: timestamp({ withTimezone: true }).notNull(),
});
