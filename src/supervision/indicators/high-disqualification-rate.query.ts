import { inTouchedCategoryYears, openedBids, spansTouched, type IndicatorDefinition } from './indicator';

/**
 * An excessive disqualification rate (否决率异常) of an initiator's or agency's projects, or
 * of a bidder's bids, in a category and year: at least `minBids` bids, a rate of at least
 * `minRate`, and above the upper fence Q3 + `fence` × IQR of the same kind of party's rates
 * in that category and year (quartiles interpolated as Excel's PERCENTILE.INC, Hyndman–Fan type 7).
 */
export const highDisqualificationRate: IndicatorDefinition<'high_disqualification_rate'> = {
  indicator: 'high_disqualification_rate',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    WITH rates AS (
      SELECT role, party, category_code, year, count() AS n, countIf(status = 'disqualified') AS dq, dq / n AS rate,
             arrayReverseSort(groupUniqArray(project_id)) AS projects
        FROM (SELECT b.project_id AS project_id, b.bidder_id AS bidder_id, b.status AS status, b.category_code AS category_code, toYear(b.registered_on) AS year,
                     p.initiator_id AS initiator_id, p.agency_id AS agency_id
                FROM ${openedBids(false)} AS b
                INNER JOIN (SELECT project_id, initiator_id, agency_id FROM projects FINAL) AS p ON p.project_id = b.project_id
               WHERE b.status <> 'withdrawn' AND ${inTouchedCategoryYears('b.category_code', 'b.registered_on')})
       ARRAY JOIN ['initiator', 'agency', 'bidder'] AS role, [initiator_id, agency_id, bidder_id] AS party
       WHERE party IS NOT NULL
       GROUP BY role, party, category_code, year
      HAVING n >= {minBids:UInt32}
    ),
    fences AS (
      SELECT role, category_code, year, quantileExactInclusive(0.25)(rate) AS q1, quantileExactInclusive(0.75)(rate) AS q3
        FROM rates GROUP BY role, category_code, year
    )
    SELECT concat(role, ':', toString(party), '/', category_code, '/', toString(year)) AS key, 'medium' AS severity,
           projects[1] AS project_id, '' AS lot_code, arraySlice(projects, 1, 50) AS project_ids, [assumeNotNull(party)] AS entity_ids,
           toJSONString(CAST((role, category_code, year, n, dq, round(rate, 4), round(q3 + {fence:Float64} * (q3 - q1), 4)),
                             'Tuple(role String, category String, year UInt16, bids UInt64, disqualified UInt64, rate Float64, upperFence Float64)')) AS evidence
      FROM rates AS r INNER JOIN fences AS f ON f.role = r.role AND f.category_code = r.category_code AND f.year = r.year
     WHERE rate >= {minRate:Float64} AND rate > q3 + {fence:Float64} * (q3 - q1)
       AND ${spansTouched('projects')}`,
  queryParams: (s) => ({ minBids: s.minBids, minRate: s.minRate, fence: s.fence }),
  summary: (e) =>
    `${e.role === 'initiator' ? '招标人项目' : e.role === 'agency' ? '代理机构项目' : '投标人'} ${String(e.year)} 年否决率 ${(Number(e.rate) * 100).toFixed(1)}%（${String(e.disqualified)}/${String(e.bids)}），高于上限 ${(Number(e.upperFence) * 100).toFixed(1)}%`,
};
