import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { apiKeys } from './api-keys';

/**
 * Signed-in dashboard users (policy makers, supervisors, operators). The browser holds
 * only a random session token in an HttpOnly cookie; the API key it was exchanged for never
 * reaches page storage. Stored as its SHA-256, like the keys.
 */
export const dashboardSessions = pgTable('dashboard_sessions', {
  tokenHash: text().primaryKey(),
  keyId: integer()
    .notNull()
    .references(() => apiKeys.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
