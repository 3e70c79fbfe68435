import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { blacklistEntries } from './blacklist-entries';
import { entities } from './entities';
import { penalties } from './penalties';

/**
 * The credit change feed (creditChanges): one row per blacklist addition, change and
 * removal and per penalty published or changed after publication, written by triggers on
 * those tables (migration 0006) whatever wrote the row. The writing transactions take one
 * advisory lock, so ids become visible strictly in order: a reader paging by id never
 * skips a change that commits later with a smaller id.
 */
export const creditChanges = pgTable(
  'credit_changes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    kind: text({ enum: ['blacklist_added', 'blacklist_changed', 'blacklist_removed', 'penalty_published', 'penalty_changed'] }).notNull(),
    entityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    blacklistEntryId: bigint({ mode: 'number' }).references(() => blacklistEntries.id),
    penaltyId: bigint({ mode: 'number' }).references(() => penalties.id),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('credit_changes_entity_idx').on(t.entityId)],
);
