import { integer, pgTable, serial, text, timestamp, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { PLATFORM_LEVELS } from '../../registry/registry.enums';
import { regions } from './regions';

/**
 * The platform catalogue (平台目录, seed 000 Art. 10): the region-level centre, league and
 * city centres, and their branches (分支机构, seed 001 Art. 5). A platform may only send
 * data for regions within its remit (each entry covers that region's subtree).
 */
export const platforms = pgTable('platforms', {
  id: serial().primaryKey(),
  code: text().notNull().unique(),
  name: text().notNull(),
  level: text({ enum: PLATFORM_LEVELS }).notNull(),
  parentId: integer().references((): AnyPgColumn => platforms.id),
  regionCode: varchar({ length: 12 })
    .notNull()
    .references(() => regions.code),
  remitRegionCodes: text().array().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
