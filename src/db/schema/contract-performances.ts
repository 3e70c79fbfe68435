import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { PERFORMANCE_MILESTONES } from '../../trading/trading.enums';
import { money, currency, factKeys, factProvenance } from './columns';
import { contracts } from './contracts';

/** A performance milestone of a contract (履约): delivery, acceptance, payment. OCDS: implementation. */
export const contractPerformances = pgTable(
  'contract_performances',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    contractId: bigint({ mode: 'number' })
      .notNull()
      .references(() => contracts.id),
    milestone: text({ enum: PERFORMANCE_MILESTONES }).notNull(),
    reportedAt: timestamp({ withTimezone: true }).notNull(),
    paidAmount: money(),
    currency: currency(),
    note: text(),
    ...factProvenance(),
  },
  (t) => [...factKeys('contract_performances', t), index('contract_performances_contract_idx').on(t.contractId)],
);
