import { z } from 'zod';
import type { AnalyticsStore } from './store';

/** The tables a statistics page reads; a sync round that touched any of them moves the stamp. */
const TABLES = ['projects', 'bids', 'awards', 'complaints', 'penalties', 'blacklist_entries'] as const;

export const dataAsOfRow = z.object({ version: z.coerce.number() });

/**
 * When the analytics store last received rows from Postgres: the newest `sync_version`
 * (microseconds since the epoch, stamped by the sync) over the tables the statistics read.
 * Null before the first sync. The figures on a page are as of this moment.
 */
export async function getDataAsOf(store: AnalyticsStore): Promise<Date | null> {
  const union = TABLES.map((t) => `SELECT max(sync_version) AS v FROM ${t}`).join(' UNION ALL ');
  const [row] = await store.select(`SELECT max(v) AS version FROM (${union})`, {}, dataAsOfRow);
  return row && row.version > 0 ? new Date(Math.floor(row.version / 1000)) : null;
}
