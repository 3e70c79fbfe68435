import { inCategories, inScope, spansTouched, type IndicatorDefinition } from './indicator';

/** The projects the splitting rule reads: of the listed categories, not tendered. */
const UNTENDERED = `(
  SELECT project_id, initiator_id, assumeNotNull(initiator_id) AS initiator, category_code, registered_on, budget, must_tender, procurement_method
    FROM projects FINAL
   WHERE has({categories:Array(String)}, category_code) AND NOT has({tenderMethods:Array(String)}, procurement_method) AND ${inCategories('category_code')}
)`;

/**
 * Contract splitting and evading the tender (化整为零、规避招标; 招标投标法 art. 4, 必须招标
 * 的工程项目规定 art. 5). Two forms: (1) one initiator's untendered projects of a category,
 * each under `thresholdYuan` (4,000,000) but together at or above it, registered within
 * `windowDays` of the first; (2) a project that must by law be tendered, procured otherwise.
 */
export const contractSplitting: IndicatorDefinition<'contract_splitting'> = {
  indicator: 'contract_splitting',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    WITH q AS (SELECT * FROM ${UNTENDERED} WHERE budget > 0 AND budget < {threshold:Decimal(18, 2)} AND initiator_id IS NOT NULL),
    -- a project with an earlier one of the same initiator within the window starts no cluster of its own
    followers AS (SELECT b.project_id AS follower FROM q AS a INNER JOIN q AS b ON a.initiator = b.initiator AND a.category_code = b.category_code
                   WHERE (a.registered_on, a.project_id) < (b.registered_on, b.project_id) AND b.registered_on <= a.registered_on + {windowDays:UInt32})
    SELECT concat('split/', arrayStringConcat(projects, ',')) AS key, 'high' AS severity, projects[1] AS project_id, '' AS lot_code, projects AS project_ids,
           [initiator] AS entity_ids,
           toJSONString(CAST(('split', projects, budgets, toString(total), toString({threshold:Decimal(18, 2)})),
                             'Tuple(form String, projects Array(UInt64), budgets Array(String), total String, threshold String)')) AS evidence
      FROM (
        SELECT a.project_id, a.initiator AS initiator, arraySort(groupArray(b.project_id)) AS projects, groupArray(toString(b.budget)) AS budgets, sum(b.budget) AS total
          FROM q AS a INNER JOIN q AS b ON a.initiator = b.initiator AND a.category_code = b.category_code
         WHERE (a.registered_on, a.project_id) <= (b.registered_on, b.project_id) AND b.registered_on <= a.registered_on + {windowDays:UInt32}
           AND a.project_id NOT IN (SELECT follower FROM followers)
         GROUP BY a.project_id, a.initiator
        HAVING count() >= 2 AND total >= {threshold:Decimal(18, 2)}
      )
     WHERE ${spansTouched('projects')}
    UNION ALL
    SELECT concat('evaded/', toString(project_id)), 'high', project_id, '', [project_id], [initiator],
           toJSONString(CAST(('evaded', [project_id], [toString(budget)], toString(budget), procurement_method),
                             'Tuple(form String, projects Array(UInt64), budgets Array(String), total String, procurementMethod String)'))
      FROM (SELECT * FROM ${UNTENDERED} WHERE must_tender = 1 AND initiator_id IS NOT NULL AND ${inScope('project_id')})`,
  queryParams: (s) => ({ threshold: s.thresholdYuan.toFixed(2), windowDays: s.windowDays, categories: s.categories, tenderMethods: s.tenderMethods }),
  summary: (e) =>
    e.form === 'split'
      ? `同一招标人 ${(e.projects as unknown[]).length} 个未招标项目单个低于 ${Number(e.threshold) / 10000} 万元、合计 ${(Number(e.total) / 10000).toFixed(2)} 万元，疑似化整为零`
      : `依法必须招标的项目采用非招标方式采购，疑似规避招标`,
};
