import { tally } from '../accumulator';
import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { asArray, asString, get } from '../json';
import { completeAwardsAndBidsIfAllAwardsFinal, soleSupplierOfSoleAward } from '../release';
import { lowerFence, percentile, quartiles } from '../statistics';

/**
 * R025 Excessive unsuccessful bids: a tenderer among the most active (processes bid in ≥ the
 * percentile) whose ratio of won to bid processes is a low outlier (≤ Q1 − 1.5 IQR, or the threshold).
 */
export function r025(settings: NonNullable<CardinalSettings['R025']>): Calculation {
  const p = settings.percentile ?? 75;
  return {
    fold(acc, { release }) {
      const complete = completeAwardsAndBidsIfAllAwardsFinal(release);
      const supplier = complete && soleSupplierOfSoleAward(complete.awards);
      if (supplier === undefined) return;
      const valid = new Set<string>();
      for (const bid of complete!.bids) {
        const tenderers = asArray(get(bid, 'tenderers'));
        const id = tenderers?.length === 1 ? asString(get(tenderers[0], 'id')) : undefined;
        if (asString(get(bid, 'status')) === 'valid' && id !== undefined) valid.add(id);
      }
      // Each tenderer once per process, however many bids it made.
      for (const id of valid) tally(acc.r025Tenderer, id).add(id === supplier ? 1 : 0, 1);
    },
    finalize(acc) {
      const fractions = [...acc.r025Tenderer.values()];
      const activity = percentile(
        fractions.map((f) => f.denominator),
        p,
      );
      let fence: number;
      let q1 = 1;
      if (settings.threshold === undefined) {
        const q = quartiles(fractions.map((f) => f.value));
        acc.setMeta('R025', 'q1', q.q1);
        acc.setMeta('R025', 'q3', q.q3);
        [fence, q1] = [lowerFence(q), q.q1];
      } else {
        fence = settings.threshold;
      }
      acc.setMeta('R025', 'upper_fence', activity);
      acc.setMeta('R025', 'lower_fence', fence);
      if (!(q1 > 0 && fence > 0)) return;
      for (const [id, fraction] of acc.r025Tenderer) {
        if (fraction.denominator >= activity && fraction.value <= fence) acc.setResult('Tenderer', id, 'R025', fraction.value);
      }
    },
  };
}
