import type { CardinalSettings } from '../settings';
import type { Calculation, Warn } from '../indicator';
import { asAmount, asArray, asObject, asString, get } from '../json';
import { matchesProcurementMethodDetails, submittedBids } from '../release';
import { currencyMismatch, priceComparison } from './second-lowest-bid-ratio';

/** R036 Lowest bid disqualified: with an active award, the lowest submitted bid was disqualified while a valid bid had a price. */
export function r036(settings: CardinalSettings, warn: Warn): Calculation {
  const { include, exclude } = priceComparison(settings);
  const mismatch = currencyMismatch(settings, warn);
  return {
    fold(acc, { release, ocid }) {
      if (!matchesProcurementMethodDetails(release, include, exclude)) return;
      const awards = asArray(get(release, 'awards'));
      if (!awards?.some((award) => get(award, 'status') === 'active')) return;
      let lowest: number | undefined;
      let lowestIsDisqualified = false;
      let validWithAmount = false;
      for (const bid of submittedBids(release)) {
        const status = asString(get(bid, 'status'))!;
        const value = asObject(get(bid, 'value'));
        const currency = asString(get(value, 'currency'));
        const amount = typeof get(value, 'amount') === 'number' ? asAmount(get(value, 'amount')) : undefined;
        if (currency === undefined || amount === undefined) continue;
        acc.currency ??= settings.currency ?? currency;
        if (currency !== acc.currency) {
          mismatch(currency, acc.currency);
          continue;
        }
        if (lowest === undefined || amount < lowest) [lowest, lowestIsDisqualified] = [amount, status === 'disqualified'];
        if (status === 'valid') validWithAmount = true;
      }
      if (validWithAmount && lowestIsDisqualified) acc.setResult('OCID', ocid, 'R036', 1);
    },
  };
}
