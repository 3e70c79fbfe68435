import type { Calculation } from '../indicator';
import { asArray, asObject, asString, compareStrings, get } from '../json';

/** R030 Late bid won: a valid bid dated after the tender period's end is by a supplier of an active award. */
export const r030: Calculation = {
  fold(acc, { release, ocid }) {
    const end = asString(get(asObject(get(asObject(get(release, 'tender')), 'tenderPeriod')), 'endDate'));
    const awards = asArray(get(release, 'awards'));
    const bids = asArray(get(asObject(get(release, 'bids')), 'details'));
    if (end === undefined || !awards || !bids) return;
    const suppliers = new Set<string>();
    for (const award of awards) {
      const ids = asArray(get(award, 'suppliers'));
      if (asString(get(award, 'status')) !== 'active' || !ids) continue;
      for (const supplier of ids) {
        const id = asString(get(supplier, 'id'));
        if (id !== undefined) suppliers.add(id);
      }
    }
    for (const bid of bids) {
      const date = asString(get(bid, 'date'));
      const tenderers = asArray(get(bid, 'tenderers'));
      // Dates compare as text, as in cardinal-rs.
      if (asString(get(bid, 'status')) !== 'valid' || date === undefined || !tenderers || compareStrings(date, end) <= 0) continue;
      for (const tenderer of tenderers) {
        const id = asString(get(tenderer, 'id'));
        if (id === undefined || !suppliers.has(id)) continue;
        acc.setResult('OCID', ocid, 'R030', 1);
        acc.setResult('Tenderer', id, 'R030', 1);
        acc.mapTenderer('ocid_tenderer_r030', ocid, id);
      }
    }
  },
};
