import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { WARNING_ACTIONS, WARNING_STATUSES } from '../../supervision/supervision.enums';
import { apiKeys } from './api-keys';
import { warnings } from './warnings';

/**
 * The audit trail of a warning: its raising and every review step, who took it (the key)
 * and when. Rows are only ever added.
 */
export const warningEvents = pgTable(
  'warning_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    warningId: bigint({ mode: 'number' })
      .notNull()
      .references(() => warnings.id),
    action: text({ enum: WARNING_ACTIONS }).notNull(),
    /** Null for the hub's own steps (raising). */
    keyId: integer().references(() => apiKeys.id),
    actor: text().notNull(),
    fromStatus: text({ enum: WARNING_STATUSES }),
    toStatus: text({ enum: WARNING_STATUSES }),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('warning_events_warning_idx').on(t.warningId, t.at)],
);
