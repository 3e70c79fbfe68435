import { bigint, bigserial, index, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { BID_STATUSES, DEPOSIT_FORMS } from '../../trading/trading.enums';
import { money, currency, factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { lots } from './lots';
import { projects } from './projects';

/**
 * A respondent's bid (响应/投标). Confidential until the project's bid opening. The bid-file
 * fingerprint (machine code, MAC, IP, file hash) is what supervision compares across
 * bidders to spot collusion (围标串标).
 */
export const bids = pgTable(
  'bids',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    lotId: bigint({ mode: 'number' }).references(() => lots.id),
    bidderId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    price: money(),
    currency: currency(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    depositForm: text({ enum: DEPOSIT_FORMS }).notNull(),
    machineCode: text(),
    macAddress: text(),
    ipAddress: text(),
    fileHash: text(),
    status: text({ enum: BID_STATUSES }).notNull().default('valid'),
    /** Why the committee disqualified it (否决投标的理由), as the platform recorded it. */
    statusReason: text(),
    /** The evaluation's total score and rank (综合得分, 排名), where the method scores bids. */
    score: numeric({ precision: 8, scale: 3 }),
    rank: integer(),
    /**
     * The section (标段/包) the bid answers, by its lot code within the project as the sender
     * gave it; null for a project of one section. A code, not a reference: the lot's record
     * may arrive in a later batch, and early warning compares bids within one section by it.
     */
    lotCode: text(),
    ...factProvenance(),
  },
  (t) => [...factKeys('bids', t), index('bids_project_idx').on(t.projectId), index('bids_bidder_idx').on(t.bidderId), index('bids_machine_code_idx').on(t.machineCode)],
);
