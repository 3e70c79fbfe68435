import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { lowerFence, quartiles, upperFence } from '../statistics';

/** R024 Price close to winning bid: the second-lowest bid's margin over the winning bid is a low outlier (≤ Q1 − 1.5 IQR, or ≤ the threshold). */
export function r024(settings: NonNullable<CardinalSettings['R024']>): Calculation {
  return {
    finalize(acc) {
      let fence: number;
      let q1 = 1; // with a threshold, only the fence guards
      if (settings.threshold === undefined) {
        const q = quartiles([...acc.secondLowestBidRatios.values()]);
        acc.setMeta('R024', 'q1', q.q1);
        acc.setMeta('R024', 'q3', q.q3);
        [fence, q1] = [lowerFence(q), q.q1];
      } else {
        fence = settings.threshold;
      }
      acc.setMeta('R024', 'lower_fence', fence);
      // Skip when a quarter of the processes have no margin at all: otherwise that quarter would be flagged.
      if (!(q1 > 0 && fence > 0)) return;
      for (const [ocid, ratio] of acc.secondLowestBidRatios) {
        if (!(ratio <= fence)) continue;
        acc.setResult('OCID', ocid, 'R024', ratio);
        for (const id of acc.winnerAndLowestNonWinner.get(ocid)!) {
          acc.setResult('Tenderer', id, 'R024', 0);
          acc.mapTenderer('ocid_tenderer_r024', ocid, id);
        }
      }
    },
  };
}

/** R058 Heavily discounted bid: the second-lowest bid's margin over the winning bid is a high outlier (≥ Q3 + 1.5 IQR, or ≥ the threshold). */
export function r058(settings: NonNullable<CardinalSettings['R058']>): Calculation {
  return {
    finalize(acc) {
      let fence: number;
      if (settings.threshold === undefined) {
        const q = quartiles([...acc.secondLowestBidRatios.values()]);
        acc.setMeta('R058', 'q1', q.q1);
        acc.setMeta('R058', 'q3', q.q3);
        fence = upperFence(q);
      } else {
        fence = settings.threshold;
      }
      acc.setMeta('R058', 'upper_fence', fence);
      if (!(fence > 0)) return;
      for (const [ocid, ratio] of acc.secondLowestBidRatios) {
        if (!(ratio >= fence)) continue;
        acc.setResult('OCID', ocid, 'R058', ratio);
        const winner = acc.winnerAndLowestNonWinner.get(ocid)![0];
        acc.setResult('Tenderer', winner, 'R058', 0);
        acc.mapTenderer('ocid_tenderer_r058', ocid, winner);
      }
    },
  };
}
