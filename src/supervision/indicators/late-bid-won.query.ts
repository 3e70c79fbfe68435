import { AWARDS, OPENED_BIDS, type IndicatorDefinition } from './indicator';

/**
 * A late bid that won (逾期送达的投标中标; 招标投标法 art. 28: a bid arriving after the
 * deadline must be refused): the winner's bid came in after the bid opening.
 */
export const lateBidWon: IndicatorDefinition<'late_bid_won'> = {
  indicator: 'late_bid_won',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(b.project_id), '/', toString(b.lot), '/', toString(b.bid_id)) AS key, 'high' AS severity,
           b.project_id AS project_id, b.lot AS lot_code, [b.project_id] AS project_ids, [b.bidder_id] AS entity_ids,
           toJSONString(CAST((b.bid_id, toString(b.submitted_at), toString(b.bid_opening_at), dateDiff('minute', assumeNotNull(b.bid_opening_at), assumeNotNull(b.submitted_at))),
                             'Tuple(bid UInt64, submittedAt String, bidOpeningAt String, minutesLate Int64)')) AS evidence
      FROM ${OPENED_BIDS} AS b
     INNER JOIN ${AWARDS} AS w ON w.section = b.section AND w.winner_id = b.bidder_id
     WHERE b.submitted_at > b.bid_opening_at AND b.status <> 'withdrawn'`,
  queryParams: () => ({}),
  summary: (e) => `中标人的投标在开标（投标截止）后 ${String(e.minutesLate)} 分钟才递交`,
};
