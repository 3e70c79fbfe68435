import { AWARDS, openedBids, spansTouched, type IndicatorDefinition } from './indicator';

/**
 * The same set of bidders recurring (陪标轮流中标): the very same `minBidders` or more firms
 * bid together, and no one else, in `minSections` or more sections. Evidence: the sections
 * and who won each, so a supervisor sees whether they take turns.
 */
export const recurringBidderSet: IndicatorDefinition<'recurring_bidder_set'> = {
  indicator: 'recurring_bidder_set',
  ruleVersion: 1,
  perCategory: false,
  sql: `
    SELECT arrayStringConcat(bidders, ',') AS key, if(length(winners) > 1, 'high', 'medium') AS severity,
           projects[1] AS project_id, '' AS lot_code, projects AS project_ids, bidders AS entity_ids,
           toJSONString(CAST((bidders, projects, winners), 'Tuple(bidders Array(UInt64), projects Array(UInt64), winners Array(UInt64))')) AS evidence
      FROM (
        SELECT bidders, count() AS sections, arrayReverseSort(groupUniqArray(s.project_id)) AS projects, arraySort(groupUniqArrayIf(assumeNotNull(w.winner_id), w.winner_id IS NOT NULL)) AS winners
          FROM (SELECT section, any(project_id) AS project_id, arraySort(groupUniqArray(bidder_id)) AS bidders
                  FROM ${openedBids(false)}
                 WHERE status <> 'withdrawn'
                 GROUP BY section
                HAVING length(bidders) >= {minBidders:UInt32}) AS s
          LEFT JOIN ${AWARDS} AS w ON w.section = s.section
         GROUP BY bidders
        HAVING sections >= {minSections:UInt32}
           AND ${spansTouched('projects')}
      )`,
  queryParams: (s) => ({ minBidders: s.minBidders, minSections: s.minSections }),
  summary: (e) => `同一组 ${(e.bidders as unknown[]).length} 家投标人在 ${(e.projects as unknown[]).length} 个标段中共同投标`,
};
