import { AWARDS, OPENED_PROJECTS, type IndicatorDefinition } from './indicator';

/**
 * A winning price within `withinShare` (1 %) below the control price (最高投标限价): the
 * ceiling was known to the winner, or the bidders did not compete on price.
 */
export const winNearControlPrice: IndicatorDefinition<'win_near_control_price'> = {
  indicator: 'win_near_control_price',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(p.project_id), '/', toString(a.lot), '/', toString(a.winner_id)) AS key, 'low' AS severity,
           p.project_id AS project_id, a.lot AS lot_code, [p.project_id] AS project_ids, [assumeNotNull(a.winner_id)] AS entity_ids,
           toJSONString(CAST((toString(a.amount), toString(p.control_price), round(toFloat64(a.amount) / toFloat64(p.control_price), 4)),
                             'Tuple(awarded String, controlPrice String, ratio Float64)')) AS evidence
      FROM ${OPENED_PROJECTS} AS p
     INNER JOIN ${AWARDS} AS a ON a.project_id = p.project_id
     WHERE p.control_price > 0 AND a.amount IS NOT NULL
       AND a.amount <= p.control_price AND toFloat64(a.amount) >= toFloat64(p.control_price) * (1 - {withinShare:Float64})`,
  queryParams: (s) => ({ withinShare: s.withinShare }),
  summary: (e) => `中标价为最高投标限价的 ${(Number(e.ratio) * 100).toFixed(2)}%`,
};
