import { mulAdd } from './float';

// Quantiles as cardinal-rs takes them: the statrs crate's `Data::quantile`, Hyndman and Fan's
// type 8 (median-unbiased), not type 7 as numpy, Excel or ClickHouse's quantileExact. The
// fences are Tukey's, computed with one rounding as cardinal-rs's `mul_add` does.

function extreme(values: readonly number[], pick: (a: number, b: number) => boolean): number {
  if (values.length === 0 || values.some(Number.isNaN)) return NaN;
  return values.reduce((best, v) => (pick(v, best) ? v : best));
}

/** statrs 0.16 `OrderStatistics::quantile` over `Data`; NaN when empty or tau is outside [0, 1]. */
export function quantile(values: readonly number[], tau: number): number {
  if (!(tau >= 0 && tau <= 1) || values.length === 0) return NaN;
  const n = values.length;
  const h = (n + 1 / 3) * tau + 1 / 3;
  const hf = Math.trunc(h);
  if (hf <= 0 || tau === 0) return extreme(values, (a, b) => a < b);
  // approx's ulps_eq!(tau, 1.0): within f64::EPSILON (tau <= 1 here).
  if (hf >= n || 1 - tau <= Number.EPSILON) return extreme(values, (a, b) => a > b);
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const a = sorted[hf - 1]!;
  const b = sorted[hf]!;
  return a + (h - hf) * (b - a);
}

/** statrs `percentile(p)`: the quantile at p / 100 for a whole number p. */
export const percentile = (values: readonly number[], p: number): number => quantile(values, p / 100);

export interface Quartiles {
  q1: number;
  q3: number;
}

export function quartiles(values: readonly number[]): Quartiles {
  return { q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}

/** Q1 − 1.5 × IQR, as `(q3 - q1).mul_add(-1.5, q1)`. */
export const lowerFence = ({ q1, q3 }: Quartiles): number => mulAdd(q3 - q1, -1.5, q1);

/** Q3 + 1.5 × IQR, as `(q3 - q1).mul_add(1.5, q3)`. */
export const upperFence = ({ q1, q3 }: Quartiles): number => mulAdd(q3 - q1, 1.5, q3);
