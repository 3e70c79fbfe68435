import { AWARDS, inCategories, inScope, type IndicatorDefinition } from './indicator';

/**
 * A winner under a restriction on the award date (失信被执行人中标; seed 003 joint
 * restriction, 政府采购法 art. 22 (五): no major illegal record in the three years before):
 * on a blacklist in force that day (high), or fined `penaltyMinYuan` or more within `penaltyYears` before (medium).
 */
export const blacklistedWinner: IndicatorDefinition<'blacklisted_winner'> = {
  indicator: 'blacklisted_winner',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    WITH a AS (SELECT * FROM ${AWARDS} WHERE ${inScope('project_id')}
                AND project_id IN (SELECT project_id FROM projects FINAL WHERE ${inCategories('category_code')}))
    SELECT concat(toString(a.project_id), '/', toString(a.lot), '/', toString(a.winner_id), '/blacklist/', toString(e.entry_id)) AS key, 'high' AS severity,
           a.project_id AS project_id, a.lot AS lot_code, [a.project_id] AS project_ids, [assumeNotNull(a.winner_id)] AS entity_ids,
           toJSONString(CAST(('blacklist', toString(a.awarded_on), e.entry_id, e.list_type, toString(e.starts_on), ifNull(toString(e.ends_on), '')),
                             'Tuple(kind String, awardedOn String, entry UInt64, listType String, startsOn String, endsOn String)')) AS evidence
      FROM a INNER JOIN (SELECT * FROM blacklist_entries FINAL) AS e ON e.entity_id = a.winner_id
     WHERE e.starts_on <= a.awarded_on AND (e.ends_on IS NULL OR a.awarded_on <= e.ends_on) AND (e.removed_on IS NULL OR a.awarded_on < e.removed_on)
    UNION ALL
    SELECT concat(toString(a.project_id), '/', toString(a.lot), '/', toString(a.winner_id), '/penalty/', toString(x.penalty_id)), 'medium',
           a.project_id, a.lot, [a.project_id], [assumeNotNull(a.winner_id)],
           toJSONString(CAST(('penalty', toString(a.awarded_on), x.penalty_id, '', toString(x.decided_on), ''),
                             'Tuple(kind String, awardedOn String, entry UInt64, listType String, startsOn String, endsOn String)'))
      FROM a INNER JOIN (SELECT * FROM penalties FINAL) AS x ON x.entity_id = a.winner_id
     WHERE x.decided_on <= a.awarded_on AND x.decided_on > a.awarded_on - toIntervalYear({penaltyYears:UInt32}) AND x.amount >= {penaltyMin:Decimal(18, 2)}`,
  queryParams: (s) => ({ penaltyYears: s.penaltyYears, penaltyMin: s.penaltyMinYuan.toFixed(2) }),
  summary: (e) => (e.kind === 'blacklist' ? `中标人在中标之日（${String(e.awardedOn)}）处于黑名单期内` : `中标人在中标前受过较大数额罚款（${String(e.startsOn)} 决定）`),
};
