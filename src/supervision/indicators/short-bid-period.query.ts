import { OPENED_PROJECTS, type IndicatorDefinition } from './indicator';

/**
 * A bid period shorter than the law allows (等标期不足): days from the first notice to the
 * bid opening (the bid deadline, 投标截止) below 20 for a project that must be tendered
 * (招标投标法 art. 24), else below the minimum of its procurement method (`byMethod`).
 */
export const shortBidPeriod: IndicatorDefinition<'short_bid_period'> = {
  indicator: 'short_bid_period',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT toString(project_id) AS key, if(period * 2 < required, 'high', 'medium') AS severity,
           project_id, '' AS lot_code, [project_id] AS project_ids, arrayFilter(x -> x > 0, [ifNull(initiator_id, 0), ifNull(agency_id, 0)]) AS entity_ids,
           toJSONString(CAST((toString(first_notice_on), toString(bid_opening_at), period, required, procurement_method, ifNull(must_tender, 0)),
                             'Tuple(firstNoticeOn String, bidOpeningAt String, days Int64, requiredDays UInt32, procurementMethod String, mustTender UInt8)')) AS evidence
      FROM (
        SELECT *, dateDiff('day', assumeNotNull(first_notice_on), toDate(assumeNotNull(bid_opening_at), 'Asia/Shanghai')) AS period,
               greatest(if(must_tender = 1, {mustTenderDays:UInt32}, 0), if(has({methods:Array(String)}, procurement_method), {days:Array(UInt32)}[indexOf({methods:Array(String)}, procurement_method)], 0)) AS required
          FROM ${OPENED_PROJECTS}
         WHERE first_notice_on IS NOT NULL AND bid_opening_at IS NOT NULL AND bid_opening_at <= {now:DateTime64(3, 'UTC')}
      )
     WHERE required > 0 AND period < required`,
  queryParams: (s) => {
    const entries = Object.entries(s.byMethod).filter(([, d]) => d !== undefined && d > 0);
    return { mustTenderDays: s.mustTenderDays, methods: entries.map(([m]) => m), days: entries.map(([, d]) => d) };
  },
  summary: (e) => `等标期 ${String(e.days)} 天，少于法定的 ${String(e.requiredDays)} 天`,
};
