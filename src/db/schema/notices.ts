import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { NOTICE_KINDS } from '../../trading/trading.enums';
import { factKeys, factProvenance } from './columns';
import { lots } from './lots';
import { projects } from './projects';

/** A published notice (交易公告, seed 000 Art. 15): tender, change, clarification, result. */
export const notices = pgTable(
  'notices',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    lotId: bigint({ mode: 'number' }).references(() => lots.id),
    kind: text({ enum: NOTICE_KINDS }).notNull(),
    title: text().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    url: text(),
    ...factProvenance(),
  },
  (t) => [...factKeys('notices', t), index('notices_project_idx').on(t.projectId)],
);
