import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { platforms } from './platforms';

/**
 * Anything the hub ingests from (数据来源): a platform's nightly push, a third-party
 * system's feed, the credit platform's list feed, a penalty feed.
 */
export const dataSources = pgTable('data_sources', {
  id: serial().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
  kind: text({ enum: ['platform_push', 'third_party_feed', 'credit_feed', 'penalty_feed', 'landing_folder'] }).notNull(),
  /** Set for a platform's own push source: the platform whose remit bounds what it may send. */
  platformId: integer().references(() => platforms.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
