import { bigint, bigserial, date, index, pgTable, text } from 'drizzle-orm/pg-core';
import { SPOT_CHECK_RESULTS } from '../../credit/credit.enums';
import { factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { projects } from './projects';

/** A random inspection (双随机、一公开) and its public result (seed 000 Art. 36). */
export const spotChecks = pgTable(
  'spot_checks',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    entityId: bigint({ mode: 'number' }).references(() => entities.id),
    projectId: bigint({ mode: 'number' }).references(() => projects.id),
    department: text().notNull(),
    inspectedOn: date().notNull(),
    result: text({ enum: SPOT_CHECK_RESULTS }).notNull(),
    resultDetail: text(),
    publishedOn: date(),
    ...factProvenance(),
  },
  (t) => [...factKeys('spot_checks', t), index('spot_checks_entity_idx').on(t.entityId)],
);
