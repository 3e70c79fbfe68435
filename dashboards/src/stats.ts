import { gql } from './api';
import { isRate } from './format';
import { comparisonRanges, periodStarts } from './periods';

/** The statistics API, as every page asks it: one query text, the rows and the comparison ranges. */
const STATS = `query($input: StatisticsInput!) { statistics(input: $input) {
  previousRange { from to } yearAgoRange { from to }
  rows { region regionInfo { name nameEn } category categoryInfo { name nameEn } period
    values { measure value previous yearAgo } } } }`;

export interface Figure {
  measure: string;
  value: number | null;
  previous: number | null;
  yearAgo: number | null;
}

export interface StatRow {
  region: string | null;
  regionInfo: { name: string; nameEn: string } | null;
  category: string | null;
  categoryInfo: { name: string; nameEn: string } | null;
  period: string | null;
  values: Figure[];
}

export interface Range {
  from: string;
  to: string;
}

export interface StatResult {
  previousRange: Range | null;
  yearAgoRange: Range | null;
  rows: StatRow[];
}

export async function statistics(input: Record<string, unknown>): Promise<StatResult> {
  return (await gql<{ statistics: StatResult }>(STATS, { input })).statistics;
}

export type Which = 'value' | 'previous' | 'yearAgo';

export const valueOf = (r: StatRow | undefined, measure: string, which: Which = 'value'): number | null => r?.values.find((v) => v.measure === measure)?.[which] ?? null;

/**
 * The comparisons worth drawing: the previous period and the year before, or only the
 * year before when they are the same (a whole year's previous period is the year before).
 */
export function comparisons(previous: Range | null, yearAgo: Range | null): Which[] {
  const same = previous && yearAgo && previous.from === yearAgo.from && previous.to === yearAgo.to;
  return same ? ['value', 'yearAgo'] : ['value', 'previous', 'yearAgo'];
}

/** A trend: the periods of the range, and each comparison's row for the same position in its own range. */
export interface Trend {
  periods: string[];
  which: Which[];
  rows: Record<Which, Array<StatRow | undefined>>;
}

/**
 * The trend of `measures` over the filter's range by period, beside the same periods of the
 * previous range and of a year earlier (each asked for its own range, so a month with no
 * projects this year still shows last year's). Every period of the range is there: a month
 * without projects is a 0, not a gap that joins its neighbours.
 */
export async function trend(measures: string[], filter: { from: string; to: string } & Record<string, unknown>, granularity: string): Promise<Trend> {
  // The ranges as the API shifts them, worked out here so the trend is asked beside the headline figures, not after them.
  const shifted = comparisonRanges(filter.from, filter.to);
  const which = comparisons(shifted.previous, shifted.yearAgo);
  const rangeOf = (w: Which) => (w === 'value' ? { from: filter.from, to: filter.to } : w === 'previous' ? shifted.previous : shifted.yearAgo);
  const results = await Promise.all(
    which.map(async (w) => {
      const r = rangeOf(w);
      if (!r) return [];
      const rows = (await statistics({ measures, dimensions: ['PERIOD'], granularity, filter: { ...filter, ...r } })).rows;
      const byPeriod = new Map(rows.map((x) => [x.period, x]));
      return periodStarts(r.from, r.to, granularity).map((p) => byPeriod.get(p));
    }),
  );
  const periods = periodStarts(filter.from, filter.to, granularity);
  const rows = Object.fromEntries(which.map((w, i) => [w, periods.map((_, k) => results[i]![k])])) as Record<Which, Array<StatRow | undefined>>;
  return { periods, which, rows };
}

/** A trend's figure: a period without rows counts 0 (projects, amounts), a rate has none. */
export const trendValue = (t: Trend, w: Which, k: number, measure: string): number | null => valueOf(t.rows[w][k], measure) ?? (isRate(measure) ? null : 0);
