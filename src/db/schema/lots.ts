import { bigint, bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { money, currency, factKeys, factProvenance } from './columns';
import { projects } from './projects';

/** A lot or section (标段/包) of a project, with its own budget. */
export const lots = pgTable(
  'lots',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    lotCode: text().notNull(),
    name: text().notNull(),
    budget: money(),
    currency: currency(),
    ...factProvenance(),
  },
  (t) => [...factKeys('lots', t), index('lots_project_idx').on(t.projectId)],
);
