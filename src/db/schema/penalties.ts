import { bigint, bigserial, date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { money, currency, factKeys, factProvenance } from './columns';
import { entities } from './entities';

/**
 * An administrative penalty decision (行政处罚). It must be made public within 7 working
 * days of the decision (seed 004 Art. 24), hence both dates.
 */
export const penalties = pgTable(
  'penalties',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    entityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    decisionNumber: text().notNull(),
    authority: text().notNull(),
    decidedOn: date().notNull(),
    publishedOn: date(),
    content: text().notNull(),
    amount: money(),
    currency: currency(),
    /** The 7th working day after the decision (Chinese calendar with 调休), by which it must be public. */
    publicationDeadline: date(),
    /** Working days from decision to publication, and how many of them past the deadline. */
    publicationWorkingDays: integer(),
    publishedLateBy: integer(),
    ...factProvenance(),
  },
  (t) => [...factKeys('penalties', t), index('penalties_entity_idx').on(t.entityId), index('penalties_decided_idx').on(t.decidedOn)],
);
