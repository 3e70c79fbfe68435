import { requireRole } from '../auth/access';
import type { Caller, Role } from '../auth/caller';
import { BadInputError, ForbiddenError, NotFoundError } from '../errors/domain-errors';
import type { Registry } from '../registry/registry.service';
import { validateUscc } from '../entities/uscc';
import { daysBetween, periodStart, previousShift, shiftDay, YEAR_SHIFT, type Shift } from './periods';
import { Dimension, FACTS, Granularity, MEASURES, BreakdownLevel, type Measure } from './statistics.measures';
import { keyId, runStatistics, type DimensionKey, type StatisticsQuery } from './statistics.query';
import { requireStore, type AnalyticsStore } from './store';
import { toYuan } from './amounts';
import { getEntityProfileFigures } from './entity-profile.query';
import { getEntityByUscc } from './entity-by-uscc.query';
import { getRankings, RankingOrder, RankingSubject } from './rankings.query';
import { nowParam } from './sealed-bids';
import { getDataAsOf } from './data-as-of.query';
import type { CreditGuard } from '../credit/credit-guard';

export const STATISTICS_READERS: readonly Role[] = ['admin', 'policy', 'supervisor'];
export const PROFILE_READERS: readonly Role[] = ['admin', 'credit', 'supervisor'];

export interface StatisticsRequest {
  measures: Measure[];
  dimensions?: Dimension[] | null;
  granularity?: Granularity | null;
  regionLevel?: BreakdownLevel | null;
  filter: { from: string; to: string; regionCode?: string | null; categoryCodes?: string[] | null; platformCodes?: string[] | null };
  compare?: boolean | null;
}

export interface MeasureFigure {
  measure: Measure;
  value: number | null;
  /** Amounts in yuan as exact decimal strings; null for measures that are not amounts. */
  amount: string | null;
  previous: number | null;
  yearAgo: number | null;
  changeFromPrevious: number | null;
  relativeChangeFromPrevious: number | null;
  changeFromYearAgo: number | null;
  relativeChangeFromYearAgo: number | null;
}

export interface StatisticsRowResult extends DimensionKey {
  values: MeasureFigure[];
}

export interface Range {
  from: string;
  to: string;
}

export interface StatisticsResult {
  range: Range;
  previousRange: Range | null;
  yearAgoRange: Range | null;
  rows: StatisticsRowResult[];
}

export { RankingOrder, RankingSubject };

export interface RankingEntry {
  rank: number;
  uscc: string | null;
  name: string;
  awardTotal: string;
  count: number;
}

const MAX_RANKING = 100;

/**
 * The statistics API over the analytics store: checks role, remit and every argument, then
 * asks ClickHouse. Nothing here reads Postgres.
 */
export class StatisticsService {
  constructor(
    private readonly store: AnalyticsStore | null,
    private readonly registry: Registry,
    private readonly limits: { maxRangeDays: number; maxRows: number },
    private readonly guard: CreditGuard | null = null,
    /** The time bids are judged sealed or opened against; a test moves it. */
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async statistics(caller: Caller | null, request: StatisticsRequest): Promise<StatisticsResult> {
    const c = requireRole(caller, STATISTICS_READERS, 'statistics');
    const store = requireStore(this.store);
    const q = this.validate(c, request);
    const range = { from: q.from, to: q.to };
    const current = await runStatistics(store, q, this.limits.maxRows);
    if (!request.compare) {
      return {
        range,
        previousRange: null,
        yearAgoRange: null,
        rows: inKeyOrder(current).map(({ key, values }) => ({ ...key, values: q.measures.map((m) => figure(m, values.get(m) ?? null, undefined, undefined)) })),
      };
    }
    const previous = previousShift(q.from, q.to);
    const shifted = async (shift: Shift) => {
      const r = { from: shiftDay(q.from, shift, -1), to: lastDayShifted(q.to, shift) };
      return { range: r, rows: await runStatistics(store, { ...q, ...r }, this.limits.maxRows) };
    };
    const [prev, yearAgo] = await Promise.all([shifted(previous), shifted(YEAR_SHIFT)]);
    const lookup = (rows: Awaited<ReturnType<typeof runStatistics>>, key: DimensionKey, shift: Shift) => {
      const k = key.period ? { ...key, period: periodStart(shiftDay(key.period, shift, -1), q.granularity) } : key;
      return rows.get(keyId(k))?.values;
    };
    return {
      range,
      previousRange: prev.range,
      yearAgoRange: yearAgo.range,
      rows: inKeyOrder(current).map(({ key, values }) => ({
        ...key,
        values: q.measures.map((m) => figure(m, values.get(m) ?? null, lookup(prev.rows, key, previous)?.get(m) ?? null, lookup(yearAgo.rows, key, YEAR_SHIFT)?.get(m) ?? null)),
      })),
    };
  }

  async rankings(caller: Caller | null, subject: RankingSubject, order: RankingOrder, first: number, filter: StatisticsRequest['filter']): Promise<RankingEntry[]> {
    const c = requireRole(caller, STATISTICS_READERS, 'statistics');
    const store = requireStore(this.store);
    if (!Number.isInteger(first) || first < 1 || first > MAX_RANKING) throw new BadInputError('first', `must be between 1 and ${MAX_RANKING}`);
    const q = this.validate(c, { measures: [], filter });
    const rows = await getRankings(store, {
      subject,
      order,
      first,
      from: q.from,
      to: q.to,
      regions: q.regions ?? null,
      categories: q.categories ?? null,
      platforms: q.platforms ?? null,
    });
    return rows.map((r, i) => ({ rank: i + 1, uscc: r.uscc, name: r.name, awardTotal: toYuan(r.total), count: r.n }));
  }

  /** When the figures were last refreshed from Postgres (the dashboards' 数据更新于 stamp). */
  async dataAsOf(caller: Caller | null): Promise<Date | null> {
    requireRole(caller, STATISTICS_READERS, 'statistics');
    return getDataAsOf(requireStore(this.store));
  }

  async entityProfile(caller: Caller | null, usccInput: string): Promise<EntityProfileResult> {
    const c = requireRole(caller, PROFILE_READERS, 'entity profiles');
    const store = requireStore(this.store);
    const checked = validateUscc(usccInput);
    if (!checked.ok) throw new BadInputError('uscc', checked.message);
    // A credit lookup like the others: rate-limited and audited.
    await this.guard?.admit(c, 'entityProfile', [checked.code]);
    await this.guard?.record(c, 'entityProfile', [checked.code], {});
    const entity = await getEntityByUscc(store, { uscc: checked.code });
    if (!entity) throw new NotFoundError('Entity', checked.code);
    const { activity: a, regions, categories, penalties, blacklist, complaintsFiled } = await getEntityProfileFigures(store, entity.id, nowParam(this.clock()));
    return {
      uscc: checked.code,
      name: entity.name,
      registeredRegionCode: entity.region || null,
      bids: a.bids,
      projectsBid: a.projects_bid,
      wins: a.wins,
      awardTotal: toYuan(a.award_total),
      winRate: a.projects_bid === 0 ? null : a.projects_won / a.projects_bid,
      regions: regions.map((r) => ({ code: r.code, count: r.n })),
      categories: categories.map((r) => ({ code: r.code, count: r.n })),
      penaltiesByYear: penalties.map((p) => ({ year: p.year, count: p.n, amount: toYuan(p.amount) })),
      blacklistByYear: blacklist,
      complaintsFiled,
    };
  }

  /** Checks every argument against the catalogues, the range limit and the caller's remit. */
  private validate(caller: Caller, r: StatisticsRequest): StatisticsQuery {
    const { from, to } = r.filter;
    if (to < from) throw new BadInputError('filter.to', `${to} is before filter.from ${from}`);
    const days = daysBetween(from, to) + 1;
    if (days > this.limits.maxRangeDays)
      throw new BadInputError('filter', `the period covers ${days} days; at most ${this.limits.maxRangeDays} are allowed (STATS_MAX_RANGE_DAYS)`);
    const dimensions = [...new Set(r.dimensions ?? [])];
    const measures = [...new Set(r.measures)];
    if (r.measures.length === 0 && r.dimensions !== undefined) throw new BadInputError('measures', 'name at least one measure');
    const withoutCategory = measures.filter((m) => !FACTS[MEASURES[m].fact].hasCategoryAndPlatform);
    if (withoutCategory.length > 0) {
      const bad = dimensions.find((d) => d === Dimension.CATEGORY || d === Dimension.PLATFORM);
      if (bad) throw new BadInputError('dimensions', `${withoutCategory.join(', ')} belong to entities, not projects, and have no ${bad.toLowerCase()}; ask for them separately`);
      if (r.filter.categoryCodes?.length || r.filter.platformCodes?.length) {
        throw new BadInputError('filter', `${withoutCategory.join(', ')} belong to entities, not projects: they cannot be filtered by category or platform`);
      }
    }
    const regionCode = r.filter.regionCode ? this.registry.requireRegion('filter.regionCode', r.filter.regionCode) : null;
    const categories = r.filter.categoryCodes?.length ? r.filter.categoryCodes.map((code, i) => this.registry.requireCategory(`filter.categoryCodes[${i}]`, code)) : null;
    const platforms = r.filter.platformCodes?.length ? r.filter.platformCodes.map((code, i) => this.registry.requirePlatform(`filter.platformCodes[${i}]`, code).code) : null;
    const scope = this.remit(caller, regionCode, categories);
    return {
      measures,
      dimensions,
      granularity: r.granularity ?? Granularity.MONTH,
      regionLevel: r.regionLevel ?? BreakdownLevel.LEAGUE,
      from,
      to,
      regions: scope.regions,
      categories: scope.categories,
      platforms,
      now: nowParam(this.clock()),
    };
  }

  /**
   * A supervisor sees its regions and categories only, exactly as the trading API enforces
   * them. The categories narrow every measure that has one; penalties and blacklist entries
   * belong to entities and have none, so runStatistics narrows those by region alone. A
   * question mixing both keeps the category remit for the project measures.
   */
  private remit(caller: Caller, regionCode: string | null, categories: string[] | null): { regions: string[] | null; categories: string[] | null } {
    if (caller.role !== 'supervisor') return { regions: regionCode ? [regionCode] : null, categories };
    let regions = regionCode ? [regionCode] : null;
    if (caller.regionCodes) {
      if (regionCode && !this.registry.regions.within(regionCode, caller.regionCodes)) {
        throw new ForbiddenError(`filter.regionCode: region ${regionCode} is outside your remit (${caller.regionCodes.join(', ')})`);
      }
      regions ??= caller.regionCodes;
    }
    let cats = categories;
    if (caller.categoryCodes) {
      const outside = (categories ?? []).filter((c) => !caller.categoryCodes!.includes(c));
      if (outside.length > 0) throw new ForbiddenError(`filter.categoryCodes: ${outside.join(', ')} outside your remit (${caller.categoryCodes.join(', ')})`);
      cats ??= caller.categoryCodes;
    }
    return { regions, categories: cats };
  }
}

export interface EntityProfileResult {
  uscc: string;
  name: string;
  registeredRegionCode: string | null;
  bids: number;
  projectsBid: number;
  wins: number;
  awardTotal: string;
  winRate: number | null;
  regions: Array<{ code: string; count: number }>;
  categories: Array<{ code: string; count: number }>;
  penaltiesByYear: Array<{ year: number; count: number; amount: string }>;
  blacklistByYear: Array<{ year: number; added: number; removed: number }>;
  complaintsFiled: number;
}

/** The shifted range's last day: a month-aligned range ends on the shifted month's last day. */
function lastDayShifted(to: string, shift: Shift): string {
  if ('days' in shift) return shiftDay(to, shift, -1);
  const nextDay = shiftDay(new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), shift, -1);
  return new Date(Date.parse(`${nextDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function figure(measure: Measure, current: number | string | null, previous: number | string | null | undefined, yearAgo: number | string | null | undefined): MeasureFigure {
  const num = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const value = num(current);
  const prev = num(previous);
  const ago = num(yearAgo);
  const change = (base: number | null) => (value === null || base === null ? null : value - base);
  const relative = (base: number | null) => (value === null || base === null || base === 0 ? null : (value - base) / Math.abs(base));
  return {
    measure,
    value,
    amount: MEASURES[measure].kind === 'amount' ? String(current ?? '0.00') : null,
    previous: prev,
    yearAgo: ago,
    changeFromPrevious: change(prev),
    relativeChangeFromPrevious: relative(prev),
    changeFromYearAgo: change(ago),
    relativeChangeFromYearAgo: relative(ago),
  };
}

/**
 * The rows in the order of their dimension values (region, category, platform, period): the
 * engine groups in no set order, and the same question should get the same answer, whichever
 * node or shard answered it.
 */
function inKeyOrder<T extends { key: DimensionKey }>(rows: Map<string, T>): T[] {
  const parts = (k: DimensionKey) => [k.region ?? '', k.category ?? '', k.platform ?? '', k.period ?? ''];
  return [...rows.values()].sort((a, b) => {
    const [pa, pb] = [parts(a.key), parts(b.key)];
    for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
    return 0;
  });
}
