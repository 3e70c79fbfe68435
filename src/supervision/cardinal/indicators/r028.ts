import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { asAmount, asArray, asObject, asString, get } from '../json';
import { matchesProcurementMethodDetails, submittedBids } from '../release';
import { priceComparison } from './second-lowest-bid-ratio';

const sameSet = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

/** R028 Identical bid prices: two submitted bids by different tenderers have the same amount and currency. */
export function r028(settings: CardinalSettings): Calculation {
  const { include, exclude } = priceComparison(settings);
  return {
    fold(acc, { release, ocid }) {
      if (!matchesProcurementMethodDetails(release, include, exclude)) return;
      const prices = new Map<string, Set<string>>();
      for (const bid of submittedBids(release)) {
        const tenderers = asArray(get(bid, 'tenderers'));
        const value = asObject(get(bid, 'value'));
        const currency = asString(get(value, 'currency'));
        const amount = typeof get(value, 'amount') === 'number' ? asAmount(get(value, 'amount')) : undefined;
        if (!tenderers || currency === undefined || amount === undefined) continue;
        const ids = new Set(tenderers.map((t) => asString(get(t, 'id'))).filter((id): id is string => id !== undefined));
        if (ids.size === 0) continue;
        // Amount and currency as one key; 0 and -0 are the same price, as with OrderedFloat.
        const price = `${amount === 0 ? 0 : amount}\u0000${currency}`;
        const other = prices.get(price);
        // A tenderer may submit more bids at the same price.
        if (other && !sameSet(ids, other)) {
          acc.setResult('OCID', ocid, 'R028', 1);
          for (const id of [...ids, ...other]) {
            acc.setResult('Tenderer', id, 'R028', 1);
            acc.mapTenderer('ocid_tenderer_r028', ocid, id);
          }
        }
        prices.set(price, ids);
      }
    },
  };
}
