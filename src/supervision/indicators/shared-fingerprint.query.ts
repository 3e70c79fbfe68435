import { OPENED_BIDS, sharedFingerprintsOf, type IndicatorDefinition } from './indicator';

const KINDS: Record<string, string> = { machine: '机器码', mac: 'MAC 地址', ip: 'IP 地址', file: '文件哈希' };

/**
 * 围标串标 by fingerprint (招标投标法实施条例 art. 40: bid files made by the same unit or
 * person, or sent from the same machine): within one section, bids of `minBidders` or more
 * different bidders share a machine code, MAC address, IP address or bid-file hash. One
 * warning per section and set of bidders, listing every value they share. Only fingerprints
 * under two bidders anywhere can be shared in a section: those alone are looked at closer.
 */
export const sharedFingerprint: IndicatorDefinition<'shared_fingerprint'> = {
  indicator: 'shared_fingerprint',
  ruleVersion: 1,
  perCategory: true,
  sql: `
    SELECT concat(toString(project_id), '/', toString(lot), '/', arrayStringConcat(bidders, ',')) AS key,
           if(hasAny(kinds, ['file', 'machine']), 'high', 'medium') AS severity,
           project_id, lot AS lot_code, [project_id] AS project_ids, bidders AS entity_ids,
           toJSONString(CAST(tuple(shares), 'Tuple(shares Array(Tuple(kind String, value String, bidders Array(UInt64), bids Array(UInt64))))')) AS evidence
      FROM (
        SELECT any(project_id) AS project_id, any(lot) AS lot, arraySort(arrayDistinct(arrayFlatten(groupArray(shared_by)))) AS bidders, groupArray(kind) AS kinds,
               arraySort(groupArray((kind, value, shared_by, bid_ids))) AS shares
          FROM (
            SELECT section, any(project_id) AS project_id, any(lot) AS lot, kind, any(value) AS value, arraySort(groupUniqArray(bidder_id)) AS shared_by, arraySort(groupArray(bid_id)) AS bid_ids
              FROM ${sharedFingerprintsOf(OPENED_BIDS, OPENED_BIDS)}
             GROUP BY section, kind, key
            HAVING length(shared_by) >= {minBidders:UInt32}
          )
         GROUP BY section
      )`,
  queryParams: (s) => ({ minBidders: s.minBidders }),
  summary: (e) => {
    const shares = e.shares as Array<{ kind: string; value: string; bidders: number[] }>;
    return `同一标段 ${shares[0]?.bidders.length ?? 0} 家投标人共用${[...new Set(shares.map((s) => KINDS[s.kind] ?? s.kind))].join('、')}`;
  },
};
