import { AWARDS, OPENED_BIDS, type IndicatorDefinition } from './indicator';

/**
 * Every bid but the winner's disqualified (除中标人外其余投标均被否决): `minOthers` or more
 * other bids in the section, all of them disqualified — the committee cleared the way.
 */
export const allButWinnerDisqualified: IndicatorDefinition<'all_but_winner_disqualified'> = {
  indicator: 'all_but_winner_disqualified',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(any(b.project_id)), '/', toString(any(b.lot))) AS key, 'high' AS severity,
           any(b.project_id) AS project_id, any(b.lot) AS lot_code, [project_id] AS project_ids,
           arrayConcat([any(w.winner_id)], arraySort(groupUniqArrayIf(b.bidder_id, b.bidder_id <> w.winner_id))) AS entity_ids,
           toJSONString(CAST((any(w.winner_id), arraySort(groupArrayIf(b.bid_id, b.bidder_id <> w.winner_id)), arraySort(groupUniqArrayIf(b.bidder_id, b.bidder_id <> w.winner_id))),
                             'Tuple(winner UInt64, disqualifiedBids Array(UInt64), disqualifiedBidders Array(UInt64))')) AS evidence
      FROM ${OPENED_BIDS} AS b
     INNER JOIN ${AWARDS} AS w ON w.section = b.section
     WHERE b.status <> 'withdrawn'
     GROUP BY b.section
    HAVING countIf(b.bidder_id <> w.winner_id) >= {minOthers:UInt32}
       AND countIf(b.bidder_id <> w.winner_id AND b.status <> 'disqualified') = 0
       AND uniqExact(w.winner_id) = 1`,
  queryParams: (s) => ({ minOthers: s.minOthers }),
  summary: (e) => `除中标人外其余 ${(e.disqualifiedBids as unknown[]).length} 份投标均被否决`,
};
