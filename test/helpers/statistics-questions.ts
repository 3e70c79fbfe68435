import { FACTS, MEASURES, Measure } from '../../src/analytics/statistics.measures';
import { Random } from '../../src/demo/random';
import type { GqlResult } from './test-hub';

/** A supervisor's remit as the statistics see it: one region subtree and/or some categories. */
export interface Remit {
  region: string | null;
  categories: string[] | null;
}

export interface Question {
  measures: Measure[];
  dimensions: string[];
  granularity: string;
  regionLevel: string;
  compare: boolean;
  filter: { from: string; to: string; regionCode?: string; categoryCodes?: string[] };
}

export interface Figure {
  measure: Measure;
  value: number | null;
  amount: string | null;
  previous: number | null;
  yearAgo: number | null;
}

export interface Row {
  region: string | null;
  category: string | null;
  platform: string | null;
  period: string | null;
  values: Figure[];
}

export const ALL_MEASURES = Object.values(Measure);
/** Penalties and blacklist entries: they belong to entities and have no category or platform. */
export const isEntityMeasure = (m: Measure) => !FACTS[MEASURES[m].fact].hasCategoryAndPlatform;

export const STATS_QUERY = `query($input: StatisticsInput!) { statistics(input: $input) {
  rows { region category platform period values { measure value amount previous yearAgo } } } }`;

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A random question a supervisor with `remit` may ask: measures, dimensions, granularity,
 * level, range and filters drawn from `rnd`, valid by construction (entity measures never
 * with a category dimension or filter; filters inside the remit).
 */
export function randomQuestion(rnd: Random, remit: Remit, regionsUnder: (code: string) => string[], allRegions: string[]): Question {
  const measures = rnd.chance(0.15) ? [...ALL_MEASURES] : ALL_MEASURES.filter(() => rnd.chance(0.3));
  if (measures.length === 0) measures.push(rnd.pick(ALL_MEASURES));
  const entity = measures.some(isEntityMeasure);
  const dimensions = ['REGION', 'CATEGORY', 'PLATFORM', 'PERIOD'].filter((d) => rnd.chance(0.35) && !(entity && (d === 'CATEGORY' || d === 'PLATFORM')));
  const granularity = rnd.pick(['DAY', 'MONTH', 'QUARTER', 'YEAR']);
  const start = Date.UTC(2024, 0, 1) + rnd.int(0, 880) * DAY;
  const length = granularity === 'DAY' ? rnd.int(1, 60) : rnd.int(1, 900);
  const filter: Question['filter'] = { from: day(start), to: day(Math.min(start + (length - 1) * DAY, Date.UTC(2026, 5, 30))) };
  if (rnd.chance(0.4)) filter.regionCode = rnd.pick(remit.region ? regionsUnder(remit.region) : allRegions);
  if (!entity && remit.categories && rnd.chance(0.3)) filter.categoryCodes = [rnd.pick(remit.categories)];
  return { measures, dimensions, granularity, regionLevel: rnd.pick(['REGION', 'LEAGUE', 'COUNTY']), compare: rnd.chance(0.3), filter };
}

const keyOf = (r: Row) => [r.region, r.category, r.platform, r.period].map((v) => v ?? '').join('|');
/** Floating sums may differ in the last bits between two runs of one aggregate. */
const round = (v: number | null) => (v === null ? null : Number(v.toPrecision(10)));
const comparable = (f: Figure) => ({ ...f, value: round(f.value), previous: round(f.previous), yearAgo: round(f.yearAgo) });

/**
 * What an admin gets for `q` narrowed to `remit`: the same filter plus the remit's region,
 * and its categories for the measures that have a category. Entity measures cannot be
 * filtered by category, so the admin asks for the two groups separately.
 */
export async function adminNarrowed(ask: (input: Question) => Promise<GqlResult>, q: Question, remit: Remit) {
  const regionCode = q.filter.regionCode ?? remit.region ?? undefined;
  const groups = [
    { measures: q.measures.filter((m) => !isEntityMeasure(m)), categoryCodes: q.filter.categoryCodes ?? remit.categories ?? undefined },
    { measures: q.measures.filter(isEntityMeasure), categoryCodes: undefined },
  ].filter((g) => g.measures.length > 0);
  const byMeasure = new Map<Measure, Map<string, Figure>>();
  for (const g of groups) {
    const r = await ask({ ...q, measures: g.measures, filter: { ...q.filter, regionCode, categoryCodes: g.categoryCodes } });
    if (r.errors) throw new Error(`admin question failed: ${r.errors[0]!.message}`);
    for (const row of r.data!.statistics.rows as Row[]) {
      for (const f of row.values) byMeasure.set(f.measure, (byMeasure.get(f.measure) ?? new Map()).set(keyOf(row), f));
    }
  }
  return byMeasure;
}

/**
 * The differences between a supervisor's rows and the admin's narrowed figures: a row
 * either side lacks, or a figure that differs. A row the admin has only for one group of
 * measures must show no value for the other group.
 */
export function differences(supervisor: Row[], admin: Map<Measure, Map<string, Figure>>): string[] {
  const out: string[] = [];
  const adminKeys = new Set([...admin.values()].flatMap((m) => [...m.keys()]));
  const seen = new Set<string>();
  for (const row of supervisor) {
    const key = keyOf(row);
    seen.add(key);
    if (!adminKeys.has(key)) out.push(`row ${key}: only the supervisor has it`);
    for (const f of row.values) {
      const expected = admin.get(f.measure)?.get(key);
      if (!expected) {
        if (f.value !== null) out.push(`row ${key} ${f.measure}: supervisor ${f.value}, admin has no such row`);
      } else if (JSON.stringify(comparable(f)) !== JSON.stringify(comparable(expected))) {
        out.push(`row ${key} ${f.measure}: supervisor ${JSON.stringify(f)}, admin ${JSON.stringify(expected)}`);
      }
    }
  }
  for (const key of adminKeys) if (!seen.has(key)) out.push(`row ${key}: only the admin has it`);
  return out;
}
