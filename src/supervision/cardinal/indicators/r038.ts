import { tally, type Accumulator, type Fraction, type Group } from '../accumulator';
import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { asArray, asObject, asString, get } from '../json';
import { submittedBids } from '../release';
import { quartiles, upperFence } from '../statistics';

/**
 * R038 Excessive disqualified bids: a buyer's, procuring entity's or tenderer's share of
 * disqualified bids among its submitted bids is a high outlier (≥ Q3 + 1.5 IQR, or the threshold),
 * among those with at least the minimum processes (buyers, procuring entities) or bids (tenderers).
 */
export function r038(settings: NonNullable<CardinalSettings['R038']>): Calculation {
  const minimumBids = settings.minimumSubmittedBids ?? 2;
  const minimumProcesses = settings.minimumContractingProcesses ?? 2;

  function flag(acc: Accumulator, fractions: Map<string, Fraction>, minimum: number, group: Group): void {
    const ratios = [...fractions].filter(([, f]) => f.denominator >= minimum).map(([id, f]) => [id, f.value] as const);
    fractions.clear();
    if (ratios.length === 0) return;
    let fence: number;
    if (settings.threshold === undefined) {
      const q = quartiles(ratios.map(([, ratio]) => ratio));
      acc.setMeta('R038', `${group}_q1`, q.q1);
      acc.setMeta('R038', `${group}_q3`, q.q3);
      fence = upperFence(q);
    } else {
      fence = settings.threshold;
    }
    acc.setMeta('R038', `${group}_upper_fence`, fence);
    // Skip when three quarters have no disqualified bids: otherwise they would all be flagged.
    if (!(fence > 0)) return;
    for (const [id, ratio] of ratios) if (ratio >= fence) acc.setResult(group, id, 'R038', ratio);
  }

  return {
    fold(acc, { release, ocid }) {
      const bids = submittedBids(release);
      if (bids.length === 0) return;
      let disqualified = 0;
      for (const bid of bids) {
        const increment = get(bid, 'status') === 'disqualified' ? 1 : 0;
        disqualified += increment;
        for (const tenderer of asArray(get(bid, 'tenderers')) ?? []) {
          const id = asString(get(tenderer, 'id'));
          if (id !== undefined) tally(acc.r038Tenderer, id).add(increment, 1);
        }
      }
      const buyer = asString(get(asObject(get(release, 'buyer')), 'id'));
      if (buyer !== undefined) {
        tally(acc.r038Buyer, buyer).add(disqualified, bids.length);
        if (disqualified > 0) acc.mapOrganization('ocid_buyer_r038', ocid, buyer);
      }
      const entity = asString(get(asObject(get(asObject(get(release, 'tender')), 'procuringEntity')), 'id'));
      if (entity !== undefined) {
        tally(acc.r038ProcuringEntity, entity).add(disqualified, bids.length);
        if (disqualified > 0) acc.mapOrganization('ocid_procuringentity_r038', ocid, entity);
      }
    },
    finalize(acc) {
      flag(acc, acc.r038Buyer, minimumProcesses, 'Buyer');
      flag(acc, acc.r038ProcuringEntity, minimumProcesses, 'ProcuringEntity');
      flag(acc, acc.r038Tenderer, minimumBids, 'Tenderer');
    },
  };
}
