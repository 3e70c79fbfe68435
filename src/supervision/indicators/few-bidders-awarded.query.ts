import { AWARDS, OPENED_BIDS, type IndicatorDefinition } from './indicator';

/**
 * Fewer than three bidders, yet awarded (投标人少于三个仍定标; 招标投标法 art. 28 requires a
 * new tender): a tendered section (`methods`) with an award and fewer than `minBidders`
 * different bidders whose bids stood (withdrawn ones do not count).
 */
export const fewBiddersAwarded: IndicatorDefinition<'few_bidders_awarded'> = {
  indicator: 'few_bidders_awarded',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(b.project_id), '/', toString(b.lot)) AS key, if(bidders = 1, 'high', 'medium') AS severity,
           b.project_id AS project_id, b.lot AS lot_code, [b.project_id] AS project_ids, bidder_ids AS entity_ids,
           toJSONString(CAST((bidders, bidder_ids, any_winner, method), 'Tuple(bidders UInt64, bidderIds Array(UInt64), winner UInt64, procurementMethod String)')) AS evidence
      FROM (
        SELECT section, any(project_id) AS project_id, any(lot) AS lot, uniqExact(bidder_id) AS bidders, arraySort(groupUniqArray(bidder_id)) AS bidder_ids
          FROM ${OPENED_BIDS} WHERE status <> 'withdrawn' GROUP BY section
      ) AS b
     INNER JOIN (SELECT section, any(assumeNotNull(winner_id)) AS any_winner FROM ${AWARDS} GROUP BY section) AS w ON w.section = b.section
     INNER JOIN (SELECT project_id, procurement_method AS method FROM projects FINAL WHERE has({methods:Array(String)}, procurement_method)) AS p ON p.project_id = b.project_id
     WHERE bidders < {minBidders:UInt32}`,
  queryParams: (s) => ({ minBidders: s.minBidders, methods: s.methods }),
  summary: (e) => `仅 ${String(e.bidders)} 家投标人仍确定中标人（应重新招标）`,
};
