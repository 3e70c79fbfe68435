import { bigint, bigserial, boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { WITNESS_STEPS } from '../../trading/trading.enums';
import { factKeys, factProvenance } from './columns';
import { projects } from './projects';

/** What the platform recorded while witnessing a trading step (见证记录, seed 000 Art. 23). */
export const witnessRecords = pgTable(
  'witness_records',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    step: text({ enum: WITNESS_STEPS }).notNull(),
    witnessedAt: timestamp({ withTimezone: true }).notNull(),
    witnessName: text(),
    content: text().notNull(),
    violationFound: boolean().notNull().default(false),
    violationDetail: text(),
    ...factProvenance(),
  },
  (t) => [...factKeys('witness_records', t), index('witness_records_project_idx').on(t.projectId)],
);
