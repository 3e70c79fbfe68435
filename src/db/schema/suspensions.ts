import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { SUSPENSION_KINDS } from '../../trading/trading.enums';
import { factKeys, factProvenance } from './columns';
import { projects } from './projects';

/** A trading process suspended, resumed or terminated, with its reason (seed 001 Art. 26). */
export const suspensions = pgTable(
  'suspensions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    kind: text({ enum: SUSPENSION_KINDS }).notNull(),
    reason: text().notNull(),
    effectiveAt: timestamp({ withTimezone: true }).notNull(),
    decidedBy: text(),
    ...factProvenance(),
  },
  (t) => [...factKeys('suspensions', t), index('suspensions_project_idx').on(t.projectId)],
);
