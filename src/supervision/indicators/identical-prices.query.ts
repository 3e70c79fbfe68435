import { OPENED_BIDS, type IndicatorDefinition } from './indicator';

/**
 * Identical bid prices (投标报价相同; 招标投标法实施条例 art. 40 lists bid files that are
 * abnormally alike): `minBidders` or more different bidders in one section offer the very
 * same price, to the fen. Prices repeat within a section rarely: a first pass by one hash of
 * section and price (a min and a max bidder) finds the few, the second collects them.
 */
export const identicalPrices: IndicatorDefinition<'identical_prices'> = {
  indicator: 'identical_prices',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(project_id), '/', toString(lot), '/', toString(price), '/', arrayStringConcat(bidders, ',')) AS key, 'medium' AS severity,
           project_id, lot AS lot_code, [project_id] AS project_ids, bidders AS entity_ids,
           toJSONString(CAST((toString(price), bidders, bid_ids), 'Tuple(price String, bidders Array(UInt64), bids Array(UInt64))')) AS evidence
      FROM (
        SELECT any(project_id) AS project_id, any(lot) AS lot, price, arraySort(groupUniqArray(bidder_id)) AS bidders, arraySort(groupArray(bid_id)) AS bid_ids
          FROM ${OPENED_BIDS}
         WHERE price IS NOT NULL AND status <> 'withdrawn'
           AND cityHash64(section, price) IN (SELECT cityHash64(section, price) AS h FROM ${OPENED_BIDS} WHERE price IS NOT NULL AND status <> 'withdrawn'
                                              GROUP BY h HAVING min(bidder_id) <> max(bidder_id))
         GROUP BY section, price
        HAVING length(bidders) >= {minBidders:UInt32}
      )`,
  queryParams: (s) => ({ minBidders: s.minBidders }),
  // Summaries reach credit keys on confirmed warnings: no prices in them, the evidence holds those.
  summary: (e) => `${(e.bidders as unknown[]).length} 家投标人报价完全相同`,
};
