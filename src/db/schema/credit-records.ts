import { bigint, bigserial, date, index, pgTable, text } from 'drizzle-orm/pg-core';
import { CREDIT_POLARITIES } from '../../credit/credit.enums';
import { factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { experts } from './experts';

/**
 * A positive (守信激励) or negative (失信惩戒) credit fact about an entity or an expert,
 * with its validity period (seed 000 Art. 41).
 */
export const creditRecords = pgTable(
  'credit_records',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    entityId: bigint({ mode: 'number' }).references(() => entities.id),
    expertId: bigint({ mode: 'number' }).references(() => experts.id),
    polarity: text({ enum: CREDIT_POLARITIES }).notNull(),
    title: text().notNull(),
    content: text(),
    authority: text().notNull(),
    validFrom: date().notNull(),
    validTo: date(),
    ...factProvenance(),
  },
  (t) => [...factKeys('credit_records', t), index('credit_records_entity_idx').on(t.entityId)],
);
