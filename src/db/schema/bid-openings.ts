import { bigint, bigserial, boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { factKeys, factProvenance } from './columns';
import { lots } from './lots';
import { projects } from './projects';

/** The bid opening (开标) as it happened: when, where, remote or on site, how many bids. */
export const bidOpenings = pgTable(
  'bid_openings',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    projectId: bigint({ mode: 'number' })
      .notNull()
      .references(() => projects.id),
    lotId: bigint({ mode: 'number' }).references(() => lots.id),
    openedAt: timestamp({ withTimezone: true }).notNull(),
    location: text(),
    isRemote: boolean().notNull().default(false),
    bidsReceived: integer(),
    ...factProvenance(),
  },
  (t) => [...factKeys('bid_openings', t), index('bid_openings_project_idx').on(t.projectId)],
);
