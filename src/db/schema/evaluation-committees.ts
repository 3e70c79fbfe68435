import { bigint, bigserial, boolean, index, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { factKeys, factProvenance } from './columns';
import { lots } from './lots';
import { projects } from './projects';

/** An evaluation committee (评标委员会) and its report; may sit remotely across regions. */
export const evaluationCommittees = pgTable(
  'evaluation_committees',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    lotId: bigint({ mode: 'number' }).references(() => lots.id),
    formedAt: timestamp({ withTimezone: true }).notNull(),
    /** 远程异地评标 (seed 003 item 13). */
    isRemote: boolean().notNull().default(false),
    isCrossRegion: boolean().notNull().default(false),
    reportedAt: timestamp({ withTimezone: true }),
    ...factProvenance(),
  },
  (t) => [...factKeys('evaluation_committees', t), index('evaluation_committees_project_idx').on(t.projectId)],
);
