import type { CardinalSettings } from '../settings';
import type { Calculation } from '../indicator';
import { asArray, asObject, asString, get } from '../json';
import { quartiles, upperFence } from '../statistics';

/**
 * R048 Heterogeneous supplier: the number of distinct item classifications (their first
 * `digits` characters) a supplier was awarded is a high outlier (≥ Q3 + 1.5 IQR, or the threshold),
 * among suppliers with at least the minimum processes.
 */
export function r048(settings: NonNullable<CardinalSettings['R048']>): Calculation {
  const digits = settings.digits ?? 2;
  const minimum = settings.minimumContractingProcesses ?? 20;
  return {
    fold(acc, { release }) {
      const seen = new Set<string>();
      for (const award of asArray(get(release, 'awards')) ?? []) {
        const items = asArray(get(award, 'items'));
        const suppliers = asArray(get(award, 'suppliers'));
        // One supplier only: not every supplier of an award supplies every item.
        const supplier = suppliers?.length === 1 ? asString(get(suppliers[0], 'id')) : undefined;
        if (asString(get(award, 'status')) !== 'active' || !items || supplier === undefined) continue;
        for (const item of items) {
          const code = asString(get(asObject(get(item, 'classification')), 'id'));
          if (code === undefined) continue;
          let entry = acc.r048Classifications.get(supplier);
          if (!entry) acc.r048Classifications.set(supplier, (entry = { count: 0, codes: new Set() }));
          // A supplier counts once per process.
          if (!seen.has(supplier)) {
            seen.add(supplier);
            entry.count += 1;
          }
          entry.codes.add(Array.from(code).slice(0, digits).join(''));
        }
      }
    },
    finalize(acc) {
      const lengths = [...acc.r048Classifications].filter(([, e]) => e.count >= minimum).map(([id, e]) => [id, e.codes.size] as const);
      acc.r048Classifications.clear();
      let fence: number;
      if (settings.threshold === undefined) {
        const q = quartiles(lengths.map(([, n]) => n));
        acc.setMeta('R048', 'q1', q.q1);
        acc.setMeta('R048', 'q3', q.q3);
        fence = upperFence(q);
      } else {
        fence = settings.threshold;
      }
      acc.setMeta('R048', 'upper_fence', fence);
      for (const [id, n] of lengths) if (n >= fence) acc.setResult('Tenderer', id, 'R048', n);
    },
  };
}
