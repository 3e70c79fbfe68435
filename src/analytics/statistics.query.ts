import { z } from 'zod';
import { BadInputError } from '../errors/domain-errors';
import { toYuan } from './amounts';
import { periodsOf } from './periods';
import { Dimension, FACTS, Granularity, MEASURES, BreakdownLevel, type Fact, type Measure } from './statistics.measures';
import type { AnalyticsStore } from './store';

/** A statistics question after validation and remit: every code known, every range allowed. */
export interface StatisticsQuery {
  measures: Measure[];
  dimensions: Dimension[];
  granularity: Granularity;
  regionLevel: BreakdownLevel;
  from: string;
  to: string;
  /** Roots of region subtrees to include; null for the whole region. */
  regions: string[] | null;
  categories: string[] | null;
  platforms: string[] | null;
  /** The time of the request, against which bids are sealed or opened (sealed-bids.ts). */
  now: string;
}

export interface DimensionKey {
  region: string | null;
  category: string | null;
  platform: string | null;
  period: string | null;
}

export type MeasureValues = Map<Measure, number | string | null>;

const LEVEL: Record<BreakdownLevel, number> = { REGION: 1, LEAGUE: 2, COUNTY: 3 };

const PERIOD_START: Record<Granularity, (column: string) => string> = {
  DAY: (c) => c,
  MONTH: (c) => `toStartOfMonth(${c})`,
  QUARTER: (c) => `toStartOfQuarter(${c})`,
  YEAR: (c) => `toStartOfYear(${c})`,
};

const dimensionSql = (dimension: Dimension, fact: Fact, granularity: Granularity): string => {
  switch (dimension) {
    case Dimension.REGION:
      // A row placed above the level asked (a league-level project among counties) counts under its own region.
      return `if(empty(region_path), '', region_path[least({level:UInt8}, length(region_path))]) AS region`;
    case Dimension.CATEGORY:
      return 'category_code AS category';
    case Dimension.PLATFORM:
      return 'platform_code AS platform';
    case Dimension.PERIOD:
      return fact === 'blacklist' ? 'toString(tupleElement(bucket, 1)) AS period' : `toString(${PERIOD_START[granularity](FACTS[fact].date)}) AS period`;
  }
};

const DIMENSION_COLUMN: Record<Dimension, keyof DimensionKey> = { REGION: 'region', CATEGORY: 'category', PLATFORM: 'platform', PERIOD: 'period' };

/**
 * Runs one statistics question: one ClickHouse query per fact table its measures need,
 * merged by dimension key. Every value is a bound parameter; the SQL text comes only from
 * the measure and dimension catalogues.
 */
export async function runStatistics(store: AnalyticsStore, q: StatisticsQuery, maxRows: number): Promise<Map<string, { key: DimensionKey; values: MeasureValues }>> {
  const byFact = new Map<Fact, Measure[]>();
  for (const m of q.measures) byFact.set(MEASURES[m].fact, [...(byFact.get(MEASURES[m].fact) ?? []), m]);
  const out = new Map<string, { key: DimensionKey; values: MeasureValues }>();
  for (const [fact, measures] of byFact) {
    const { table, date, hasCategoryAndPlatform } = FACTS[fact];
    const dims = q.dimensions.map((d) => dimensionSql(d, fact, q.granularity));
    const where: string[] = [fact === 'blacklist' ? `starts_on <= {to:Date}` : `${date} BETWEEN {from:Date} AND {to:Date}`];
    if (q.regions) where.push('hasAny(region_path, {regions:Array(String)})');
    if (hasCategoryAndPlatform && q.categories) where.push('category_code IN {categories:Array(String)}');
    if (hasCategoryAndPlatform && q.platforms) where.push('platform_code IN {platforms:Array(String)}');
    // The blacklist counts entries in force on the last day of each period.
    const buckets = fact === 'blacklist' ? periodsOf(q.from, q.to, q.dimensions.includes(Dimension.PERIOD) ? q.granularity : Granularity.YEAR) : [];
    const bucketJoin =
      fact !== 'blacklist'
        ? ''
        : q.dimensions.includes(Dimension.PERIOD)
          ? 'ARRAY JOIN arrayZip({starts:Array(Date)}, {ends:Array(Date)}) AS bucket'
          : 'ARRAY JOIN [({from:Date}, {to:Date})] AS bucket';
    const select = [...dims, ...measures.map((m, i) => `${MEASURES[m].sql} AS m${i}`)];
    const sql = `SELECT ${select.join(', ')}
      FROM ${table} ${bucketJoin}
      WHERE ${where.join(' AND ')}
      ${dims.length > 0 ? `GROUP BY ${q.dimensions.map((d) => DIMENSION_COLUMN[d]).join(', ')}` : ''}
      LIMIT ${maxRows + 1}`;
    const rowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
    const rows = await store.select(
      sql,
      {
        from: q.from,
        to: q.to,
        level: LEVEL[q.regionLevel],
        regions: q.regions ?? [],
        categories: q.categories ?? [],
        platforms: q.platforms ?? [],
        starts: buckets.map((b) => b.start),
        ends: buckets.map((b) => b.end),
        now: q.now,
      },
      rowSchema,
    );
    // A breakdown no dashboard could show would only cost the server (STATS_MAX_ROWS).
    if (rows.length > maxRows) {
      throw new BadInputError('dimensions', `the breakdown has more than ${maxRows} rows; narrow the filter, drop a dimension or choose a coarser granularity`);
    }
    for (const row of rows) {
      const key: DimensionKey = {
        region: q.dimensions.includes(Dimension.REGION) ? (row.region === '' ? null : String(row.region)) : null,
        category: q.dimensions.includes(Dimension.CATEGORY) ? String(row.category) : null,
        platform: q.dimensions.includes(Dimension.PLATFORM) ? String(row.platform) : null,
        period: q.dimensions.includes(Dimension.PERIOD) ? String(row.period) : null,
      };
      const id = keyId(key);
      const entry = out.get(id) ?? { key, values: new Map() };
      measures.forEach((m, i) => entry.values.set(m, coerce(m, row[`m${i}`] ?? null)));
      out.set(id, entry);
    }
  }
  return out;
}

export const keyId = (k: DimensionKey) => [k.region, k.category, k.platform, k.period].map((v) => v ?? '').join('\u0000');

/** Counts and ratios as numbers; amounts stay exact decimal strings ("0.00" when nothing summed). */
function coerce(measure: Measure, value: string | number | null): number | string | null {
  const kind = MEASURES[measure].kind;
  if (kind === 'amount') return toYuan(value);
  if (value === null) return null;
  return typeof value === 'number' ? value : Number(value);
}
