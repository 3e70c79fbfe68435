import { bigint, bigserial, index, pgTable, text } from 'drizzle-orm/pg-core';
import { COMMITTEE_ROLES } from '../../trading/trading.enums';
import { provenance, provenanceKey } from './columns';
import { evaluationCommittees } from './evaluation-committees';
import { experts } from './experts';

/** An expert's seat on an evaluation committee. */
export const committeeMembers = pgTable(
  'committee_members',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    committeeId: bigint({ mode: 'number' })
      .notNull()
      .references(() => evaluationCommittees.id),
    expertId: bigint({ mode: 'number' })
      .notNull()
      .references(() => experts.id),
    role: text({ enum: COMMITTEE_ROLES }).notNull(),
    ...provenance(),
  },
  (t) => [provenanceKey('committee_members', t), index('committee_members_committee_idx').on(t.committeeId)],
);
