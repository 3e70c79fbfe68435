import { boolean, index, pgTable, smallint, text, varchar } from 'drizzle-orm/pg-core';
import { REGION_LEVELS } from '../../registry/registry.enums';

/**
 * Administrative divisions (行政区划), GB/T 2260 codes, as a tree: every province,
 * prefecture and county of China (src/registry/divisions/README.md), NBS development zones,
 * and zones that have only a local code under their league. Statistics roll up along `path`.
 */
export const regions = pgTable(
  'regions',
  {
    code: varchar({ length: 12 }).primaryKey(),
    name: text().notNull(),
    nameEn: text().notNull(),
    level: text({ enum: REGION_LEVELS }).notNull(),
    parentCode: varchar({ length: 12 }),
    /** Slash-separated codes from the root down to this region, e.g. 150000/152900/152921. */
    path: text().notNull(),
    /** True for development zones in no national list (e.g. 152972 孪井滩示范区). */
    isLocalCode: boolean().notNull().default(false),
    sortOrder: smallint().notNull().default(0),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
