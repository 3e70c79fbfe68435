import { inTouchedCategoryYears, openedBids, spansTouched, type IndicatorDefinition } from './indicator';

/**
 * An excessive disqualification rate (否决率异常) of an initiator's or agency's projects, or
 * of a bidder's bids, in a category and year: at least `minBids` bids, a rate of at least
 * `minRate`, and above the upper fence Q3 + `fence` × IQR of the same kind of party's rates
 * in that category and year (quartiles interpolated as Excel's PERCENTILE.INC, Hyndman–Fan type 7).
 * An initiator's and an agency's figures are summed from each project's, so the bids are not
 * joined with their projects one by one; the fences are window aggregates over the rates,
 * which are computed once.
 */
export const highDisqualificationRate: IndicatorDefinition<'high_disqualification_rate'> = {
  indicator: 'high_disqualification_rate',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    WITH bids AS (SELECT * FROM ${openedBids(false)} WHERE status <> 'withdrawn' AND ${inTouchedCategoryYears('category_code', 'registered_on')}),
    per_project AS (
      SELECT b.project_id AS project_id, b.category_code AS category_code, b.year AS year, b.n AS n, b.dq AS dq, p.initiator_id AS initiator_id, p.agency_id AS agency_id
        FROM (SELECT project_id, any(category_code) AS category_code, toYear(any(registered_on)) AS year, count() AS n, countIf(status = 'disqualified') AS dq
                FROM bids GROUP BY project_id) AS b
       INNER JOIN (SELECT project_id, initiator_id, agency_id FROM projects FINAL) AS p ON p.project_id = b.project_id
    ),
    rates AS (
      SELECT role, party, category_code, year, n, dq, dq / n AS rate, projects
        FROM (SELECT 'initiator' AS role, assumeNotNull(initiator_id) AS party, category_code, year, sum(n) AS n, sum(dq) AS dq, arrayReverseSort(groupArray(project_id)) AS projects
                FROM per_project WHERE initiator_id IS NOT NULL GROUP BY party, category_code, year
              UNION ALL
              SELECT 'agency', assumeNotNull(agency_id) AS party, category_code, year, sum(n), sum(dq), arrayReverseSort(groupArray(project_id))
                FROM per_project WHERE agency_id IS NOT NULL GROUP BY party, category_code, year
              UNION ALL
              SELECT 'bidder', bidder_id AS party, category_code, toYear(registered_on) AS year, count(), countIf(status = 'disqualified'), arrayReverseSort(groupUniqArray(project_id))
                FROM bids GROUP BY party, category_code, year)
       WHERE n >= {minBids:UInt32}
    ),
    fenced AS (
      SELECT *, quantileExactInclusive(0.25)(rate) OVER w AS q1, quantileExactInclusive(0.75)(rate) OVER w AS q3
        FROM rates WINDOW w AS (PARTITION BY role, category_code, year)
    )
    SELECT concat(role, ':', toString(party), '/', category_code, '/', toString(year)) AS key, 'medium' AS severity,
           projects[1] AS project_id, '' AS lot_code, arraySlice(projects, 1, 50) AS project_ids, [assumeNotNull(party)] AS entity_ids,
           toJSONString(CAST((role, category_code, year, n, dq, round(rate, 4), round(q3 + {fence:Float64} * (q3 - q1), 4)),
                             'Tuple(role String, category String, year UInt16, bids UInt64, disqualified UInt64, rate Float64, upperFence Float64)')) AS evidence
      FROM fenced
     WHERE rate >= {minRate:Float64} AND rate > q3 + {fence:Float64} * (q3 - q1)
       AND ${spansTouched('projects')}`,
  queryParams: (s) => ({ minBids: s.minBids, minRate: s.minRate, fence: s.fence }),
  summary: (e) =>
    `${e.role === 'initiator' ? '招标人项目' : e.role === 'agency' ? '代理机构项目' : '投标人'} ${String(e.year)} 年否决率 ${(Number(e.rate) * 100).toFixed(1)}%（${String(e.disqualified)}/${String(e.bids)}），高于上限 ${(Number(e.upperFence) * 100).toFixed(1)}%`,
};
