import { z } from 'zod';
import { bidsOpened } from './sealed-bids';
import type { AnalyticsStore } from './store';

const int = z.coerce.number();
const activityRow = z.object({ bids: int, projects_bid: int, wins: int, projects_won: int, award_total: z.string() });
const codeCount = z.object({ code: z.string(), n: int });

/** A bidder's bids that are no longer confidential: those of projects past their bid opening. */
const OPENED_BIDS_OF = `bids FINAL WHERE bidder_id = {id:UInt64} AND ${bidsOpened('bid_opening_at')}`;

/**
 * An entity's trading and credit in aggregate. Sealed bids are left out of every figure
 * (sealed-bids.ts): counted here, a firm's bids, projects and regions would tell a credit
 * key who is bidding for what before the opening.
 */
export async function getEntityProfileFigures(store: AnalyticsStore, entityId: number, now: string) {
  const p = { id: entityId, now };
  const [[activity], regions, categories, penalties, blacklist, [complaints]] = await Promise.all([
    store.select(
      `SELECT (SELECT count() FROM ${OPENED_BIDS_OF}) AS bids,
              (SELECT uniqExact(project_id) FROM ${OPENED_BIDS_OF}) AS projects_bid,
              (SELECT count() FROM awards FINAL WHERE winner_id = {id:UInt64}) AS wins,
              (SELECT uniqExact(project_id) FROM awards FINAL WHERE winner_id = {id:UInt64}) AS projects_won,
              (SELECT toString(toDecimal128(sum(coalesce(amount, 0)), 2)) FROM awards FINAL WHERE winner_id = {id:UInt64}) AS award_total`,
      p,
      activityRow,
    ),
    store.select(
      `SELECT code, count() AS n FROM (
         SELECT region_code AS code FROM ${OPENED_BIDS_OF}
         UNION ALL SELECT region_path[-1] AS code FROM awards FINAL WHERE winner_id = {id:UInt64})
       WHERE code != '' GROUP BY code ORDER BY n DESC, code`,
      p,
      codeCount,
    ),
    store.select(
      `SELECT category_code AS code, count() AS n FROM (
         SELECT category_code FROM ${OPENED_BIDS_OF} UNION ALL SELECT category_code FROM awards FINAL WHERE winner_id = {id:UInt64})
       GROUP BY code ORDER BY n DESC, code`,
      p,
      codeCount,
    ),
    store.select(
      `SELECT toYear(decided_on) AS year, count() AS n, toString(toDecimal128(sum(coalesce(amount, 0)), 2)) AS amount
         FROM penalties FINAL WHERE entity_id = {id:UInt64} GROUP BY year ORDER BY year`,
      p,
      z.object({ year: int, n: int, amount: z.string() }),
    ),
    store.select(
      `SELECT year, sum(added) AS added, sum(removed) AS removed FROM (
         SELECT toYear(starts_on) AS year, 1 AS added, 0 AS removed FROM blacklist_entries FINAL WHERE entity_id = {id:UInt64}
         UNION ALL
         SELECT toYear(assumeNotNull(removed_on)) AS year, 0 AS added, 1 AS removed FROM blacklist_entries FINAL WHERE entity_id = {id:UInt64} AND removed_on IS NOT NULL)
       GROUP BY year ORDER BY year`,
      p,
      z.object({ year: int, added: int, removed: int }),
    ),
    store.select('SELECT count() AS n FROM complaints FINAL WHERE complainant_id = {id:UInt64}', p, z.object({ n: int })),
  ]);
  return { activity: activity!, regions, categories, penalties, blacklist, complaintsFiled: complaints!.n };
}
