import { AWARDS, openedBids, TOUCHED, type IndicatorDefinition } from './indicator';

/**
 * A firm with many bids and no wins in a year (陪标专业户): `minBids` or more opened bids in
 * a calendar year (by registration of the project) and not one award.
 */
export const perpetualLoser: IndicatorDefinition<'perpetual_loser'> = {
  indicator: 'perpetual_loser',
  ruleVersion: 1,
  perCategory: false,
  sql: `
    SELECT concat(toString(bidder_id), '/', toString(year)) AS key, 'low' AS severity,
           projects[1] AS project_id, '' AS lot_code, arraySlice(projects, 1, 50) AS project_ids, [bidder_id] AS entity_ids,
           toJSONString(CAST((year, bids, length(projects)), 'Tuple(year UInt16, bids UInt64, projects UInt64)')) AS evidence
      FROM (
        SELECT bidder_id, toYear(registered_on) AS year, count() AS bids, arrayReverseSort(groupUniqArray(project_id)) AS projects
          FROM ${openedBids(false)}
         WHERE status <> 'withdrawn' AND ({since:UInt64} = 0 OR bidder_id IN (SELECT bidder_id FROM bids WHERE project_id IN ${TOUCHED}))
         GROUP BY bidder_id, year
        HAVING bids >= {minBids:UInt32}
      )
     WHERE (bidder_id, year) NOT IN (SELECT winner_id, toYear(registered_on) FROM ${AWARDS})`,
  queryParams: (s) => ({ minBids: s.minBids }),
  summary: (e) => `${String(e.year)} 年投标 ${String(e.bids)} 次，未中标一次`,
};
