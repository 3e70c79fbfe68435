import { periodLabel } from './periods';
import { h } from './dom';
import { statsFilter } from './filters';
import { isMoney, isRate, moneyUnit, unitName, type MoneyUnit } from './format';
import { begin, card, chartBox, definitionsBlock, drawChart, PROJECT_READERS, tableWithExports, type PageContext } from './page-context';
import { comparisons, statistics, trend, trendValue, valueOf, type StatRow, type Which } from './stats';
import { fillRows, type Column, type FiguresTable } from './table';
import { textTooltip } from './tooltip';

/** The autonomous region itself: its own-level projects are listed apart, never ranked among its leagues. */
export const HUB_REGION = '150000';
export const SERIES_KEY: Record<Which, string> = { value: 'thisPeriod', previous: 'previousPeriod', yearAgo: 'yearAgoPeriod' };

/** A figure as a chart plots it: amounts in the axis' unit, rates in %. */
export const plotted = (measure: string, v: number | null, unit: MoneyUnit) =>
  v === null ? null : isMoney(measure) ? Math.round((v / unit.divisor) * 100) / 100 : isRate(measure) ? Math.round(v * 1000) / 10 : v;
export const axisUnit = (measure: string, unit: MoneyUnit, ctx: PageContext) => (isMoney(measure) ? unitName(unit, ctx.lang) : isRate(measure) ? '%' : null);

interface Breakdown {
  dimension: 'REGION' | 'CATEGORY';
  regionLevel?: string;
  measures: string[];
  chartMeasure: string;
  title: string;
  extra?: Node | null;
  /** A click on a bar or row: drill down, or on to the projects behind it. */
  onPick?: (key: string) => void;
}

/**
 * A chart and a sortable table of measures by one dimension, this period against the
 * previous one and a year earlier; every figure from the statistics API.
 */
async function breakdown(ctx: PageContext, opts: Breakdown) {
  const { filters, lang, t } = ctx;
  const state = begin(ctx, opts.title, opts.extra ?? null);
  const result = await statistics({
    measures: opts.measures,
    dimensions: [opts.dimension],
    compare: true,
    ...(opts.regionLevel ? { regionLevel: opts.regionLevel } : {}),
    filter: statsFilter(filters),
  });
  const label = (r: StatRow) => {
    const info = opts.dimension === 'REGION' ? r.regionInfo : r.categoryInfo;
    return info ? (lang === 'zh' ? info.name : info.nameEn) : (r.region ?? r.category ?? '—');
  };
  const key = (r: StatRow) => (opts.dimension === 'REGION' ? r.region : r.category) ?? '';
  const all = result.rows.filter((r) => key(r) !== '');
  // Projects registered at the region's own level are not a league: listed apart, not ranked.
  const own = opts.dimension === 'REGION' ? all.filter((r) => key(r) === HUB_REGION) : [];
  let rows = all.filter((r) => !own.includes(r));
  if (rows.length === 0 && own.length === 0) {
    state.textContent = t('empty');
    state.id = 'empty';
    document.body.dataset.ready = opts.dimension === 'REGION' ? 'regions' : 'categories';
    return;
  }
  const m = opts.chartMeasure;
  rows = rows.sort((a, b) => (valueOf(b, m) ?? -Infinity) - (valueOf(a, m) ?? -Infinity));
  const which = comparisons(result.previousRange, result.yearAgoRange);
  const unit = moneyUnit(all.flatMap((r) => which.map((w) => valueOf(r, 'AWARD_TOTAL', w))));
  const columns: Column[] = [{ label: opts.dimension === 'REGION' ? t('region') : t('category') }, ...opts.measures.map((x) => ({ label: t(x), measure: x, unit }))];
  const table: FiguresTable = { id: 'table', caption: opts.title, columns, rows: [] };
  const toRows = () => rows.map((r) => ({ key: key(r), cells: [label(r), ...opts.measures.map((x) => valueOf(r, x))] }));
  table.rows = toRows();
  const chartEl = chartBox('chart', `${opts.title}: ${t(m)}`);
  // In the page before ECharts measures it: a chart begun on a detached element is 0 × 0.
  state.replaceWith(chartEl);
  const chart = await drawChart(chartEl);
  const axis = axisUnit(m, unit, ctx);
  const built = tableWithExports(ctx, table, { chart, title: `${opts.title} · ${t(m)}`, unit: axis }, true);
  chartEl.after(built.exports, built.box);
  if (own.length) {
    const ownTable: FiguresTable = {
      id: 'own-level',
      caption: t('ownLevel'),
      columns,
      rows: own.map((r) => ({ cells: [t('ownLevel'), ...opts.measures.map((x) => valueOf(r, x))] })),
    };
    const ownBuilt = tableWithExports(ctx, ownTable);
    ctx.root.append(h('p', { class: 'note' }, t('ownLevelNote')), ownBuilt.box);
  }
  ctx.root.append(definitionsBlock(ctx, opts.measures));
  const draw = () => {
    chart.setOption(
      {
        animation: false,
        legend: { top: 0 },
        tooltip: textTooltip((v) => (v === null || v === undefined ? '—' : `${String(v)}${axis ? ` ${axis}` : ''}`)),
        grid: { left: 70, right: 30, top: 50, bottom: 90 },
        xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: 30 } },
        yAxis: { type: 'value', name: axis ?? t(m) },
        series: which.map((w) => ({
          name: `${t(m)} · ${t(SERIES_KEY[w])}`,
          type: 'bar',
          data: rows.map((r) => plotted(m, valueOf(r, m, w), unit)),
          itemStyle: w === 'value' ? undefined : { opacity: w === 'previous' ? 0.55 : 0.35 },
        })),
      },
      true,
    );
    table.rows = toRows();
    fillRows(built.body, table, lang);
  };
  draw();
  for (const th of built.table.querySelectorAll<HTMLElement>('th[data-sort]')) {
    th.addEventListener('click', () => {
      const by = th.dataset.sort!;
      rows = [...rows].sort((a, b) => (by === 'label' ? label(a).localeCompare(label(b), 'zh-CN') : (valueOf(b, by) ?? -Infinity) - (valueOf(a, by) ?? -Infinity)));
      draw();
    });
  }
  if (opts.onPick) {
    chart.on('click', (p) => opts.onPick!(key(rows[p.dataIndex]!)));
    built.body.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.key) opts.onPick!(tr.dataset.key);
    });
    built.body.addEventListener('keydown', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (e.key === 'Enter' && tr?.dataset.key) opts.onPick!(tr.dataset.key);
    });
  }
  document.body.dataset.ready = opts.dimension === 'REGION' ? 'regions' : 'categories';
}

const REGION_MEASURES = ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE'];

/**
 * Leagues and cities ranked; a click drills down to a league's banners and zones, and from a
 * banner on to its projects for the roles that may read them.
 */
export async function regionsPage(ctx: PageContext) {
  const { filters, t } = ctx;
  const drilled = filters.region !== '' && filters.region !== HUB_REGION;
  const up = drilled ? h('a', { href: '#', id: 'up' }, `↑ ${t('up')}`) : null;
  up?.addEventListener('click', (e) => {
    e.preventDefault();
    ctx.navigate({ region: '' });
  });
  const measure = filters.measure || 'AWARD_TOTAL';
  const measures = REGION_MEASURES.includes(measure) ? REGION_MEASURES : [...REGION_MEASURES, measure];
  const readsProjects = PROJECT_READERS.includes(ctx.session.role);
  await breakdown(ctx, {
    dimension: 'REGION',
    regionLevel: drilled ? 'COUNTY' : 'LEAGUE',
    measures,
    chartMeasure: measure,
    title: t('regions'),
    extra: up ? h('p', {}, up) : null,
    onPick: drilled ? (readsProjects ? (code) => ctx.navigate({ page: 'projects', region: code }) : undefined) : (code) => ctx.navigate({ region: code }),
  });
}

export function categoriesPage(ctx: PageContext) {
  const measure = ctx.filters.measure || 'PROJECTS';
  const base = ['PROJECTS', 'AWARD_TOTAL', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'SAVINGS_RATE'];
  return breakdown(ctx, {
    dimension: 'CATEGORY',
    measures: base.includes(measure) ? base : [...base, measure],
    chartMeasure: measure,
    title: ctx.t('categories'),
    onPick: PROJECT_READERS.includes(ctx.session.role) ? (code) => ctx.navigate({ page: 'projects', category: code }) : undefined,
  });
}

const CREDIT = ['PENALTIES', 'PENALTIES_PUBLISHED_ON_TIME_SHARE', 'ACTIVE_BLACKLIST_ENTRIES', 'JOINT_RESTRICTION_FLAGS'];
const CREDIT_TREND = ['PENALTIES', 'ACTIVE_BLACKLIST_ENTRIES'];

/** Penalties and their publication, the blacklist, and joint-restriction flags, against a year earlier. */
export async function creditPage(ctx: PageContext) {
  const { filters, t, lang } = ctx;
  const state = begin(ctx, t('credit'), filters.category ? h('p', { class: 'note' }, t('noCategory')) : null);
  // Penalties and blacklist entries belong to entities: the category filter does not apply.
  const filter = statsFilter(filters, false);
  const [total, series] = await Promise.all([statistics({ measures: CREDIT, compare: true, filter }), trend(CREDIT_TREND, filter, filters.granularity)]);
  const top = total.rows[0];
  const cards = h('div', { class: 'cards' }, ...CREDIT.map((m) => card(ctx, m, valueOf(top, m), { previous: valueOf(top, m, 'previous'), yearAgo: valueOf(top, m, 'yearAgo') })));
  const labels = series.periods.map((p) => periodLabel(p, filters.granularity, lang));
  const which = series.which;
  const chartEl = chartBox('chart', `${t('credit')}: ${CREDIT_TREND.map(t).join(', ')}`);
  state.replaceWith(cards, chartEl);
  const chart = await drawChart(chartEl);
  chart.setOption({
    animation: false,
    tooltip: textTooltip(),
    legend: { top: 0 },
    grid: { left: 60, right: 30, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value' },
    series: CREDIT_TREND.flatMap((m) =>
      which.map((w) => ({
        name: `${t(m)} · ${t(SERIES_KEY[w])}`,
        type: m === 'PENALTIES' ? 'bar' : 'line',
        data: labels.map((_, k) => trendValue(series, w, k, m)),
        ...(w === 'value' ? {} : m === 'PENALTIES' ? { itemStyle: { opacity: 0.45 } } : { lineStyle: { type: 'dashed' } }),
      })),
    ),
  });
  const columns: Column[] = [{ label: t('period') }, ...CREDIT_TREND.flatMap((m) => which.map((w) => ({ label: `${t(m)} · ${t(SERIES_KEY[w])}`, measure: m })))];
  const table: FiguresTable = {
    id: 'credit-table',
    caption: t('credit'),
    columns,
    rows: labels.map((label, k) => ({ cells: [label, ...CREDIT_TREND.flatMap((m) => which.map((w) => trendValue(series, w, k, m)))] })),
  };
  const built = tableWithExports(ctx, table, { chart, title: `${t('credit')} · ${CREDIT_TREND.map(t).join(' / ')}`, unit: null });
  ctx.root.append(built.exports, built.box, definitionsBlock(ctx, CREDIT));
  document.body.dataset.ready = 'credit';
}
