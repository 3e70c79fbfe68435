import { bigserial, pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { factKeys, factProvenance } from './columns';
import { regions } from './regions';

/**
 * An evaluation expert (评标评审专家) from the region-wide pool (seed 000 Art. 18, 31).
 * The ID number is personal data: kept for matching, never returned unmasked.
 */
export const experts = pgTable(
  'experts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    expertCode: text().notNull().unique(),
    name: text().notNull(),
    personIdNumber: varchar({ length: 18 }).unique(),
    specialty: text(),
    regionCode: varchar({ length: 12 }).references(() => regions.code),
    ...factProvenance(),
  },
  (t) => [...factKeys('experts', t)],
);
