import { spansTouched, type IndicatorDefinition } from './indicator';

/**
 * The same winner again and again (中标集中): one firm wins more than `maxPerYear` awards in
 * a calendar year from the same initiator, or through the same agency.
 */
export const repeatedWinner: IndicatorDefinition<'repeated_winner'> = {
  indicator: 'repeated_winner',
  ruleVersion: 1,
  perCategory: false,
  sql: `
    SELECT concat(role, ':', toString(party_id), '/', toString(winner_id), '/', toString(year)) AS key, if(n > 2 * {maxPerYear:UInt32}, 'high', 'medium') AS severity,
           projects[1] AS project_id, '' AS lot_code, arraySlice(projects, 1, 50) AS project_ids, [winner_id, party_id] AS entity_ids,
           toJSONString(CAST((role, party_id, winner_id, year, n, toString(total)), 'Tuple(role String, party UInt64, winner UInt64, year UInt16, awards UInt64, total String)')) AS evidence
      FROM (
        SELECT role, assumeNotNull(party) AS party_id, winner_id, toYear(a.awarded_on) AS year, count() AS n, sum(a.amount) AS total,
               arrayReverseSort(groupUniqArray(a.project_id)) AS projects
          FROM (SELECT project_id, assumeNotNull(winner_id) AS winner_id, awarded_on, amount FROM awards FINAL WHERE winner_id IS NOT NULL) AS a
         INNER JOIN (SELECT project_id, initiator_id, agency_id FROM projects FINAL) AS p ON p.project_id = a.project_id
         ARRAY JOIN ['initiator', 'agency'] AS role, [p.initiator_id, p.agency_id] AS party
         WHERE party IS NOT NULL AND party <> winner_id
         GROUP BY role, party_id, winner_id, year
        HAVING n > {maxPerYear:UInt32}
      )
     WHERE ${spansTouched('projects')}`,
  queryParams: (s) => ({ maxPerYear: s.maxPerYear }),
  summary: (e) => `${String(e.year)} 年在同一${e.role === 'initiator' ? '招标人' : '代理机构'}的项目中中标 ${String(e.awards)} 次`,
};
