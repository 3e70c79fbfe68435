import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { COMPLAINT_KINDS, COMPLAINT_RESULTS } from '../../trading/trading.enums';
import { factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { projects } from './projects';

/** An objection, challenge or complaint (异议/质疑/投诉) and its public result (seed 000 Art. 25). */
export const complaints = pgTable(
  'complaints',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    complainantId: bigint({ mode: 'number' }).references(() => entities.id),
    kind: text({ enum: COMPLAINT_KINDS }).notNull(),
    subject: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    handledBy: text(),
    result: text({ enum: COMPLAINT_RESULTS }).notNull(),
    resultDetail: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    ...factProvenance(),
  },
  (t) => [...factKeys('complaints', t), index('complaints_project_idx').on(t.projectId)],
);
