import { bigint, bigserial, date, index, pgTable, text } from 'drizzle-orm/pg-core';
import { BLACKLIST_TYPES } from '../../credit/credit.enums';
import { factKeys, factProvenance } from './columns';
import { entities } from './entities';

/**
 * A listing that restricts or bans an entity from trading (失信名单, 严重违法失信名单,
 * 市场禁入). Active from startsOn until endsOn or removal (信用修复), whichever is first.
 */
export const blacklistEntries = pgTable(
  'blacklist_entries',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    entityId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    listType: text({ enum: BLACKLIST_TYPES }).notNull(),
    authority: text().notNull(),
    basis: text().notNull(),
    startsOn: date().notNull(),
    endsOn: date(),
    removedOn: date(),
    removalReason: text(),
    ...factProvenance(),
  },
  (t) => [...factKeys('blacklist_entries', t), index('blacklist_entries_entity_idx').on(t.entityId, t.startsOn)],
);
