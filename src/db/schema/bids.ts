import { bigint, bigserial, index, integer, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { BID_STATUSES, DEPOSIT_FORMS } from '../../trading/trading.enums';
import { dataSources } from './data-sources';
import { money, currency, factProvenance } from './columns';
import { entities } from './entities';
import { lots } from './lots';
import { projects } from './projects';

/**
 * A respondent's bid (响应/投标). Confidential until the project's bid opening. The bid-file
 * fingerprint (machine code, MAC, IP, file hash) is what supervision compares across
 * bidders to spot collusion (围标串标).
 *
 * Partitioned by month of submittedAt, China Standard Time (migrations/0018, hand-written:
 * drizzle-kit cannot write PARTITION BY): bids_YYYY_MM, and bids_default for a month no
 * partition was made for (history older than the table's months). Postgres wants every
 * unique key of a partitioned table to hold the month, so the primary key is (id,
 * submitted_at) and the one-row-per-source-record rule lives in bid_keys below.
 */
export const bids = pgTable(
  'bids',
  {
    id: bigserial({ mode: 'number' }).notNull(),
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
  (t) => [
    primaryKey({ name: 'bids_id_submitted_at_pk', columns: [t.id, t.submittedAt] }),
    index('bids_source_record_idx').on(t.sourceId, t.sourceRecordId),
    index('bids_batch_idx').on(t.batchId),
    index('bids_project_idx').on(t.projectId),
    index('bids_bidder_idx').on(t.bidderId),
    index('bids_machine_code_idx').on(t.machineCode),
  ],
);

/**
 * The bid row of each source record: the uniqueness bids cannot keep itself once partitioned.
 * A trigger on bids (migrations/0018, hub_claim_bid_key) keeps it for every writer, the
 * pipeline, fixtures and hand edits alike: a second row for a record already held is refused
 * as the old unique key refused it. The pipeline claims a record's key before it writes the
 * row, which also makes two batches writing one record take turns.
 */
export const bidKeys = pgTable(
  'bid_keys',
  {
    sourceId: integer()
      .notNull()
      .references(() => dataSources.id),
    sourceRecordId: text().notNull(),
    bidId: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ name: 'bid_keys_pk', columns: [t.sourceId, t.sourceRecordId] })],
);
