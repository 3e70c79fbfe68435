import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { asArray, asString, get } from '../json';
import { completeAwardsAndBidsIfAllAwardsFinal } from '../release';

/** R035 All except winning bid disqualified: one valid tenderer, who won, and at least `threshold` other tenderers disqualified. */
export function r035(settings: NonNullable<CardinalSettings['R035']>): Calculation {
  const threshold = Math.max(settings.threshold ?? 1, 1);
  return {
    fold(acc, { release, ocid }) {
      const suppliers = new Set<string>();
      const valid = new Set<string>();
      const disqualified = new Set<string>();
      const complete = completeAwardsAndBidsIfAllAwardsFinal(release);
      if (complete) {
        for (const award of complete.awards) {
          for (const supplier of asArray(get(award, 'suppliers')) ?? []) {
            const id = asString(get(supplier, 'id'));
            if (id !== undefined) suppliers.add(id);
          }
        }
        for (const bid of complete.bids) {
          const status = asString(get(bid, 'status'));
          const tenderers = asArray(get(bid, 'tenderers'));
          const set = status === 'valid' ? valid : status === 'disqualified' ? disqualified : undefined;
          if (!set || !tenderers) continue;
          for (const tenderer of tenderers) {
            const id = asString(get(tenderer, 'id'));
            if (id !== undefined) set.add(id);
          }
        }
      }
      // Not for several tenderers or winners: a buyer may join bids into one award and sign several contracts.
      if (valid.size !== 1 || suppliers.size !== 1) return;
      const [winner] = valid;
      if (!suppliers.has(winner!)) return;
      const others = [...disqualified].filter((id) => !valid.has(id)).length;
      if (others < threshold) return;
      acc.setResult('OCID', ocid, 'R035', others);
      acc.setResult('Tenderer', winner!, 'R035', 0);
      acc.mapTenderer('ocid_tenderer_r035', ocid, winner!);
    },
  };
}
