import { AWARDS, inTouchedCategoryYears, openedBids, TOUCHED, type IndicatorDefinition } from './indicator';

/**
 * The winner's score an outlier (评分畸高): the winner's lead over the next-best score is at
 * least `minGap` points and above the upper fence Q3 + `fence` × IQR of such leads in the
 * same category and year (type 7 quartiles), over sections with `minBids` or more scored bids.
 * The fences are window aggregates over the leads, which are computed once.
 */
export const winnerScoreOutlier: IndicatorDefinition<'winner_score_outlier'> = {
  indicator: 'winner_score_outlier',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    WITH leads AS (
      SELECT any(b.project_id) AS project_id, any(b.lot) AS lot, any(b.category_code) AS category_code, toYear(any(b.registered_on)) AS year, any(w.winner_id) AS winner,
             maxIf(toFloat64(b.score), b.bidder_id = w.winner_id) AS winner_score, maxIf(toFloat64(b.score), b.bidder_id <> w.winner_id) AS next_score,
             winner_score - next_score AS lead, count() AS n
        FROM ${openedBids(false)} AS b
       INNER JOIN ${AWARDS} AS w ON w.section = b.section
       WHERE b.score IS NOT NULL AND b.status <> 'withdrawn' AND ${inTouchedCategoryYears('b.category_code', 'b.registered_on')}
       GROUP BY b.section
      HAVING n >= {minBids:UInt32} AND countIf(b.bidder_id = w.winner_id) = 1 AND uniqExact(w.winner_id) = 1
    ),
    fenced AS (
      SELECT *, quantileExactInclusive(0.25)(lead) OVER w AS q1, quantileExactInclusive(0.75)(lead) OVER w AS q3
        FROM leads WINDOW w AS (PARTITION BY category_code, year)
    )
    SELECT concat(toString(l.project_id), '/', toString(l.lot)) AS key, 'medium' AS severity,
           l.project_id AS project_id, l.lot AS lot_code, [l.project_id] AS project_ids, [assumeNotNull(l.winner)] AS entity_ids,
           toJSONString(CAST((round(winner_score, 3), round(next_score, 3), round(lead, 3), round(q3 + {fence:Float64} * (q3 - q1), 3)),
                             'Tuple(winnerScore Float64, nextScore Float64, lead Float64, upperFence Float64)')) AS evidence
      FROM fenced AS l
     WHERE lead >= {minGap:Float64} AND lead > q3 + {fence:Float64} * (q3 - q1)
       AND ({since:UInt64} = 0 OR l.project_id IN ${TOUCHED})`,
  queryParams: (s) => ({ minBids: s.minBids, minGap: s.minGap, fence: s.fence }),
  summary: (e) => `中标人得分 ${String(e.winnerScore)}，领先第二名 ${String(e.lead)} 分，远超同类项目（上限 ${String(e.upperFence)} 分）`,
};
