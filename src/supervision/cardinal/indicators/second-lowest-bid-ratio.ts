import type { CardinalSettings } from '../settings';
import type { Calculation, Warn } from '../indicator';
import { asArray, get } from '../json';
import { completeAwardsAndBidsIfAllAwardsFinal, matchesProcurementMethodDetails, pipeSet, soleSupplierOfSoleAward, submittedBids, validBidsWithValue } from '../release';

/** How a currency other than the one compared is reported: a warning, or nothing if the settings ask for info only. */
export function currencyMismatch(settings: CardinalSettings, warn: Warn): (currency: string, compared: string | undefined) => void {
  return (currency, compared) => {
    if (!settings.infoCurrencyMismatches) warn(`${currency} is not ${compared === undefined ? 'None' : `Some(${JSON.stringify(compared)})`}, skipping.`);
  };
}

export const priceComparison = (settings: CardinalSettings) => ({
  include: pipeSet(settings.priceComparisonProcurementMethods),
  exclude: pipeSet(settings.noPriceComparisonProcurementMethods),
});

/**
 * For R024 and R058: (second-lowest valid bid − winning bid) / winning bid, for processes with
 * one final award to one supplier whose bid was the lowest. Bids in another currency than the
 * settings' (or the first seen) are left out.
 */
export function secondLowestBidRatio(settings: CardinalSettings, warn: Warn): Calculation {
  const { include, exclude } = priceComparison(settings);
  const mismatch = currencyMismatch(settings, warn);
  return {
    fold(acc, { release, ocid }) {
      if (!matchesProcurementMethodDetails(release, include, exclude)) return;
      const complete = completeAwardsAndBidsIfAllAwardsFinal(release);
      const supplier = complete && soleSupplierOfSoleAward(complete.awards);
      if (supplier === undefined) return;
      let winner: [string, number] | undefined;
      let lowest: [string, number] | undefined;
      for (const bid of validBidsWithValue(complete!.bids)) {
        acc.currency ??= settings.currency ?? bid.currency;
        if (bid.currency !== acc.currency) {
          mismatch(bid.currency, acc.currency);
        } else if (bid.tenderer === supplier) {
          if (!winner || bid.amount < winner[1]) winner = [bid.tenderer, bid.amount];
        } else if (!lowest || bid.amount < lowest[1]) {
          lowest = [bid.tenderer, bid.amount];
        }
      }
      // If the lowest bid did not win, the award criteria are not price only, as assumed.
      if (winner && lowest && lowest[1] >= winner[1]) {
        acc.secondLowestBidRatios.set(ocid, (lowest[1] - winner[1]) / winner[1]);
        acc.winnerAndLowestNonWinner.set(ocid, [winner[0], lowest[0]]);
      }
    },
  };
}

/** With --map, for R025, R038 and R048: the tenderers of each process's submitted bids. */
export const tenderers: Calculation = {
  fold(acc, { release, ocid }) {
    for (const bid of submittedBids(release)) {
      for (const tenderer of asArray(get(bid, 'tenderers')) ?? []) {
        const id = get(tenderer, 'id');
        if (typeof id === 'string') acc.mapTenderer('ocid_tenderer', ocid, id);
      }
    }
  },
};
