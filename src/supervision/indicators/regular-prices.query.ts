import { OPENED_BIDS, type IndicatorDefinition } from './indicator';

/**
 * Prices in a regular pattern (报价呈规律性差异; 招标投标法实施条例 art. 40 (四)): the
 * section's `minBids` or more prices, sorted, rise in equal steps, or each lies a whole
 * percentage above the lowest (101 %, 103 %, …). Prices are compared in fen.
 */
export const regularPrices: IndicatorDefinition<'regular_prices'> = {
  indicator: 'regular_prices',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(project_id), '/', toString(lot), '/', arrayStringConcat(fen, ',')) AS key, 'medium' AS severity,
           project_id, lot AS lot_code, [project_id] AS project_ids, bidders AS entity_ids,
           toJSONString(CAST((pattern, arrayMap(f -> toString(toDecimal64(f / 100, 2)), fen), bidders, bid_ids),
                             'Tuple(pattern String, prices Array(String), bidders Array(UInt64), bids Array(UInt64))')) AS evidence
      FROM (
        SELECT any(project_id) AS project_id, any(lot) AS lot, arraySort(groupArray(toInt64(price * 100))) AS fen, arraySort(groupUniqArray(bidder_id)) AS bidders, arraySort(groupArray(bid_id)) AS bid_ids,
               arrayPopFront(arrayDifference(fen)) AS steps,
               multiIf(arrayAll(d -> d = steps[1], steps) AND steps[1] > 0, 'equal_steps',
                       arrayAll(f -> f > fen[1] AND (f - fen[1]) * 100 % fen[1] = 0, arrayPopFront(fen)), 'whole_percent', '') AS pattern
          FROM ${OPENED_BIDS}
         WHERE price IS NOT NULL AND price > 0 AND status <> 'withdrawn'
         GROUP BY section
        HAVING length(fen) >= {minBids:UInt32} AND length(bidders) = length(fen) AND pattern <> ''
      )`,
  queryParams: (s) => ({ minBids: s.minBids }),
  summary: (e) => `${(e.prices as unknown[]).length} 个报价${e.pattern === 'equal_steps' ? '呈等差排列' : '与最低价相差整百分比'}`,
};
