import { openedBids, OPENED_BIDS, sharedFingerprintsOf, type IndicatorDefinition } from './indicator';

/**
 * A ring (围标团伙): the same fingerprint under `minBidders` or more different bidders across
 * `minProjects` or more projects. It flags the entities rather than one section; the
 * incremental run looks at the fingerprints seen in the projects synced since the last run.
 * Only fingerprints under two bidders in two projects are looked at closer (as for
 * shared_fingerprint).
 */
export const fingerprintRing: IndicatorDefinition<'fingerprint_ring'> = {
  indicator: 'fingerprint_ring',
  ruleVersion: 1,
  perCategory: false,
  sql: `
    SELECT concat(kind, ':', value, '/', arrayStringConcat(bidders, ',')) AS key, 'high' AS severity,
           projects[1] AS project_id, '' AS lot_code, projects AS project_ids, bidders AS entity_ids,
           toJSONString(CAST((kind, value, bidders, projects, bid_ids), 'Tuple(kind String, value String, bidders Array(UInt64), projects Array(UInt64), bids Array(UInt64))')) AS evidence
      FROM (
        SELECT kind, any(value) AS value, arraySort(groupUniqArray(bidder_id)) AS bidders, arrayReverseSort(groupUniqArray(project_id)) AS projects, arraySort(groupArray(bid_id)) AS bid_ids
          FROM ${sharedFingerprintsOf(openedBids(false), openedBids(false), ' AND min(project_id) <> max(project_id)', (kind) => `({since:UInt64} = 0 OR ${kind} IN (SELECT ${kind} FROM ${OPENED_BIDS}))`)}
         GROUP BY kind, key
        HAVING length(bidders) >= {minBidders:UInt32} AND length(projects) >= {minProjects:UInt32}
      )`,
  queryParams: (s) => ({ minBidders: s.minBidders, minProjects: s.minProjects }),
  summary: (e) =>
    `${(e.bidders as unknown[]).length} 家投标人在 ${(e.projects as unknown[]).length} 个项目中共用同一${e.kind === 'mac' ? ' MAC 地址' : e.kind === 'ip' ? ' IP 地址' : e.kind === 'file' ? '投标文件' : '机器码'}`,
};
