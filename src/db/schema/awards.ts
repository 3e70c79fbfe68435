import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { money, currency, factKeys, factProvenance } from './columns';
import { entities } from './entities';
import { lots } from './lots';
import { projects } from './projects';

/** A confirmed award (中标/成交结果, seed 000 Art. 21). OCDS: award. */
export const awards = pgTable(
  'awards',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    lotId: bigint({ mode: 'number' }).references(() => lots.id),
    winnerId: bigint({ mode: 'number' })
      .notNull()
      .references(() => entities.id),
    amount: money().notNull(),
    currency: currency(),
    awardedAt: timestamp({ withTimezone: true }).notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    /** The section awarded, by its lot code within the project (as on bids); null for a project of one section. */
    lotCode: text(),
    ...factProvenance(),
  },
  (t) => [...factKeys('awards', t), index('awards_project_idx').on(t.projectId), index('awards_winner_idx').on(t.winnerId)],
);
