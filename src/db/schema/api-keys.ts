import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { ROLES } from '../../auth/caller';
import { platforms } from './platforms';

/**
 * API keys. Only the SHA-256 of a key is stored; the key itself is shown once at creation.
 * The remit columns bound what the key may see: a platform key its platform, a supervisor
 * key its department's categories and regions (each region covers its subtree).
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    keyHash: text().notNull().unique(),
    /** The first characters of the key, so an operator can tell keys apart in listings. */
    keyPrefix: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    platformId: integer().references(() => platforms.id),
    department: text(),
    categoryCodes: text().array(),
    regionCodes: text().array(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    /** Credit lookups: this key's token bucket (per second, and burst); null takes CREDIT_RATE_* defaults. */
    creditRatePerSecond: integer(),
    creditBurst: integer(),
  },
  (t) => [index('api_keys_role_idx').on(t.role)],
);
