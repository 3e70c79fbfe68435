import { z } from 'zod';
import type { AnalyticsStore } from './store';

export enum RankingSubject {
  INITIATOR = 'INITIATOR',
  WINNER = 'WINNER',
  AGENCY = 'AGENCY',
}
export enum RankingOrder {
  AWARD_TOTAL = 'AWARD_TOTAL',
  COUNT = 'COUNT',
}

export const rankingsParams = z.object({
  subject: z.enum(RankingSubject),
  order: z.enum(RankingOrder),
  from: z.string(),
  to: z.string(),
  regions: z.array(z.string()).nullable(),
  categories: z.array(z.string()).nullable(),
  platforms: z.array(z.string()).nullable(),
  first: z.number().int().positive(),
});
export type RankingsParams = z.infer<typeof rankingsParams>;

export const rankingRow = z.object({ id: z.coerce.number(), total: z.string(), n: z.coerce.number(), uscc: z.string().nullable(), name: z.string() });
export type RankingRow = z.infer<typeof rankingRow>;

const topRow = z.object({ id: z.coerce.number(), total: z.string(), n: z.coerce.number() });
const nameRow = z.object({ id: z.coerce.number(), uscc: z.string().nullable(), name: z.string() });

/**
 * The top entities by award total or count within the filter. Winners rank by their awards;
 * initiators and agencies by the awards of their projects. Table and column names come from
 * the enums above, never from the caller; every value is a bound parameter.
 */
export async function getRankings(store: AnalyticsStore, input: RankingsParams): Promise<RankingRow[]> {
  const p = rankingsParams.parse(input);
  const where = ['registered_on BETWEEN {from:Date} AND {to:Date}'];
  if (p.regions) where.push('hasAny(region_path, {regions:Array(String)})');
  if (p.categories) where.push('category_code IN {categories:Array(String)}');
  if (p.platforms) where.push('platform_code IN {platforms:Array(String)}');
  const [table, column, amount] =
    p.subject === RankingSubject.WINNER ? ['awards', 'winner_id', 'amount'] : ['projects', p.subject === RankingSubject.INITIATOR ? 'initiator_id' : 'agency_id', 'award_total'];
  const orderBy = p.order === RankingOrder.AWARD_TOTAL ? 'amount_total DESC, n DESC' : 'n DESC, amount_total DESC';
  const top = await store.select(
    `SELECT assumeNotNull(${column}) AS id, toDecimal128(sum(coalesce(${amount}, 0)), 2) AS amount_total, toString(amount_total) AS total, count() AS n
       FROM ${table} FINAL WHERE ${column} IS NOT NULL AND ${where.join(' AND ')}
      GROUP BY id ORDER BY ${orderBy}, id LIMIT {first:UInt32}`,
    { from: p.from, to: p.to, regions: p.regions ?? [], categories: p.categories ?? [], platforms: p.platforms ?? [], first: p.first },
    topRow,
  );
  // Names for the few ranked, not a join with every entity.
  const names = await store.select('SELECT entity_id AS id, uscc, name FROM entities FINAL WHERE entity_id IN {ids:Array(UInt64)}', { ids: top.map((r) => r.id) }, nameRow);
  const byId = new Map(names.map((n) => [n.id, n]));
  return top.map((r) => ({ ...r, uscc: byId.get(r.id)?.uscc ?? null, name: byId.get(r.id)?.name ?? '' }));
}
