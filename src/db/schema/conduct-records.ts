import { bigint, bigserial, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { CONDUCT_RATINGS } from '../../credit/credit.enums';
import { factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { experts } from './experts';
import { projects } from './projects';

/** The platform's record and evaluation of an agency's or expert's conduct (seed 000 Art. 38-39, 001 Art. 48). */
export const conductRecords = pgTable(
  'conduct_records',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    agencyId: bigint({ mode: 'number' }).references(() => entities.id),
    expertId: bigint({ mode: 'number' }).references(() => experts.id),
    projectId: bigint({ mode: 'number' }).references(() => projects.id),
    recordedOn: date().notNull(),
    score: integer(),
    rating: text({ enum: CONDUCT_RATINGS }),
    content: text().notNull(),
    ...factProvenance(),
  },
  (t) => [...factKeys('conduct_records', t), index('conduct_records_agency_idx').on(t.agencyId), index('conduct_records_expert_idx').on(t.expertId)],
);
