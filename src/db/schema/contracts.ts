import { bigint, bigserial, date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { CONTRACT_STATUSES } from '../../trading/trading.enums';
import { awards } from './awards';
import { money, currency, factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { projects } from './projects';

/** A signed contract (合同, seed 000 Art. 22). OCDS: contract. */
export const contracts = pgTable(
  'contracts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    awardId: bigint({ mode: 'number' }).references(() => awards.id),
    supplierId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    contractCode: text(),
    amount: money().notNull(),
    currency: currency(),
    signedAt: timestamp({ withTimezone: true }).notNull(),
    periodStart: date(),
    periodEnd: date(),
    status: text({ enum: CONTRACT_STATUSES }).notNull(),
    ...factProvenance(),
  },
  (t) => [...factKeys('contracts', t), index('contracts_project_idx').on(t.projectId)],
);
