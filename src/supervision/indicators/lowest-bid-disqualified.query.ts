import { AWARDS, OPENED_BIDS, type IndicatorDefinition } from './indicator';

/**
 * The lowest bid disqualified (最低报价被否决) while a dearer one won: the section had
 * `minBids` or more priced bids and its cheapest was thrown out.
 */
export const lowestBidDisqualified: IndicatorDefinition<'lowest_bid_disqualified'> = {
  indicator: 'lowest_bid_disqualified',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(s.project_id), '/', toString(s.lot), '/', toString(s.lowest_bid)) AS key, 'medium' AS severity,
           s.project_id AS project_id, s.lot AS lot_code, [s.project_id] AS project_ids, [s.lowest_bidder, assumeNotNull(w.winner_id)] AS entity_ids,
           toJSONString(CAST((s.lowest_bid, s.lowest_bidder, toString(s.lowest_price), s.reason_status, assumeNotNull(w.winner_id), toString(w.amount)),
                             'Tuple(lowestBid UInt64, lowestBidder UInt64, lowestPrice String, lowestStatus String, winner UInt64, awarded String)')) AS evidence
      FROM (
        SELECT section, any(project_id) AS project_id, any(lot) AS lot, count() AS n, argMin(bid_id, price) AS lowest_bid, argMin(bidder_id, price) AS lowest_bidder, min(price) AS lowest_price,
               argMin(status, price) AS reason_status
          FROM ${OPENED_BIDS}
         WHERE price IS NOT NULL AND status <> 'withdrawn'
         GROUP BY section
        HAVING n >= {minBids:UInt32} AND reason_status = 'disqualified'
      ) AS s
     INNER JOIN ${AWARDS} AS w ON w.section = s.section
     WHERE w.winner_id <> s.lowest_bidder AND (w.amount IS NULL OR w.amount > s.lowest_price)`,
  queryParams: (s) => ({ minBids: s.minBids }),
  summary: () => '最低报价被否决，由报价更高者中标',
};
