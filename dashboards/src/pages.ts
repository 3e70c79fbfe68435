import * as echarts from 'echarts';
import { gql } from './api';
import { chartTools, download, downloadUrl, periodLabel } from './chart-tools';
import { fill, h } from './dom';
import { statsFilter, type Filters } from './filters';
import { figure, type Lang } from './format';
import { textTooltip } from './tooltip';

/** Everything a page needs: where to draw, the filters, the language, and how to move. */
export interface PageContext {
  root: HTMLElement;
  filters: Filters;
  lang: Lang;
  t: (key: string) => string;
  navigate: (changes: Record<string, string>) => void;
}

const STATS = `query($input: StatisticsInput!) { statistics(input: $input) { rows {
  region regionInfo { name nameEn } category categoryInfo { name nameEn } period
  values { measure value } } } }`;

interface StatRow {
  region: string | null;
  regionInfo: { name: string; nameEn: string } | null;
  category: string | null;
  categoryInfo: { name: string; nameEn: string } | null;
  period: string | null;
  values: Array<{ measure: string; value: number | null }>;
}

/** A page's heading and its loading state; the state element is replaced by the content. */
function begin(ctx: PageContext, title: string, ...extra: Array<Node | null>): HTMLElement {
  const state = h('div', { class: 'state' }, ctx.t('loading'));
  fill(ctx.root, h('h2', {}, title), ...extra, state);
  return state;
}

export const card = (measure: string, value: number | null, lang: Lang, t: (k: string) => string, ...more: Node[]) =>
  h('div', { class: 'card', 'data-measure': measure }, h('div', {}, t(measure)), h('div', { class: 'value', 'data-value': value ?? '' }, figure(measure, value, lang)), ...more);

/**
 * A chart and a sortable table of measures by one dimension; every figure comes from the
 * statistics API. `onPick` turns a click on a bar or row into a drill-down.
 */
async function breakdown(
  ctx: PageContext,
  opts: { dimension: 'REGION' | 'CATEGORY'; regionLevel?: string; measures: string[]; chartMeasure: string; onPick?: (key: string) => void; title: string; extra?: Node | null },
) {
  const { filters, lang, t } = ctx;
  const state = begin(ctx, opts.title, opts.extra ?? null);
  const data = await gql<{ statistics: { rows: StatRow[] } }>(STATS, {
    input: { measures: opts.measures, dimensions: [opts.dimension], ...(opts.regionLevel ? { regionLevel: opts.regionLevel } : {}), filter: statsFilter(filters) },
  });
  const label = (r: StatRow) => {
    const info = opts.dimension === 'REGION' ? r.regionInfo : r.categoryInfo;
    return info ? (lang === 'zh' ? info.name : info.nameEn) : (r.region ?? r.category ?? '—');
  };
  const key = (r: StatRow) => (opts.dimension === 'REGION' ? r.region : r.category) ?? '';
  let rows = data.statistics.rows.filter((r) => key(r) !== '');
  if (rows.length === 0) {
    state.textContent = t('empty');
    state.id = 'empty';
    return;
  }
  const value = (r: StatRow, m: string) => r.values.find((v) => v.measure === m)?.value ?? null;
  rows = rows.sort((a, b) => (value(b, opts.chartMeasure) ?? 0) - (value(a, opts.chartMeasure) ?? 0));
  const chartEl = h('div', { class: 'chart', id: 'chart' });
  const csv = h('button', { type: 'button', id: 'csv' }, t('csv'));
  const png = h('button', { type: 'button', id: 'png' }, t('png'));
  const tbody = h('tbody');
  const headers = [h('th', { 'data-sort': 'label' }), ...opts.measures.map((m) => h('th', { 'data-sort': m }, t(m)))];
  state.replaceWith(chartEl, h('p', {}, csv, ' ', png), h('table', { id: 'table' }, h('thead', {}, h('tr', {}, ...headers)), tbody));
  const chart = echarts.init(chartEl);
  const draw = () => {
    chart.setOption({
      animation: false,
      tooltip: textTooltip((v) => figure(opts.chartMeasure, Number(v), lang)),
      grid: { left: 80, right: 30, bottom: 80 },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value' },
      series: [{ name: t(opts.chartMeasure), type: 'bar', data: rows.map((r) => value(r, opts.chartMeasure) ?? 0) }],
    });
    fill(
      tbody,
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-key': key(r) },
          h('th', {}, label(r)),
          ...opts.measures.map((m) => h('td', { 'data-measure': m, 'data-value': value(r, m) ?? '' }, figure(m, value(r, m), lang))),
        ),
      ),
    );
  };
  draw();
  for (const th of headers) {
    th.addEventListener('click', () => {
      const m = th.dataset.sort!;
      rows = [...rows].sort((a, b) => (m === 'label' ? label(a).localeCompare(label(b)) : (value(b, m) ?? -Infinity) - (value(a, m) ?? -Infinity)));
      draw();
    });
  }
  if (opts.onPick) {
    chart.on('click', (p) => opts.onPick!(key(rows[p.dataIndex]!)));
    tbody.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.key) opts.onPick!(tr.dataset.key);
    });
  }
  csv.addEventListener('click', () =>
    download(
      new Blob(
        [[`${opts.dimension.toLowerCase()},${opts.measures.join(',')}`, ...rows.map((r) => [key(r), ...opts.measures.map((m) => value(r, m) ?? '')].join(','))].join('\n')],
        { type: 'text/csv' },
      ),
      'breakdown.csv',
    ),
  );
  png.addEventListener('click', () => downloadUrl(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), 'breakdown.png'));
  document.body.dataset.ready = opts.dimension === 'REGION' ? 'regions' : 'categories';
}

/** Leagues and cities ranked; a click drills down to a league's banners and zones, and back up. */
export async function regionsPage(ctx: PageContext) {
  const drilled = ctx.filters.region !== '';
  const up = drilled ? h('a', { href: '#', id: 'up' }, `↑ ${ctx.t('all')}`) : null;
  up?.addEventListener('click', (e) => {
    e.preventDefault();
    ctx.navigate({ region: '' });
  });
  await breakdown(ctx, {
    dimension: 'REGION',
    regionLevel: drilled ? 'COUNTY' : 'LEAGUE',
    measures: ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE'],
    chartMeasure: 'AWARD_TOTAL',
    title: ctx.t('regions'),
    extra: up ? h('p', {}, up) : null,
    onPick: drilled ? undefined : (code) => ctx.navigate({ region: code }),
  });
}

export function categoriesPage(ctx: PageContext) {
  return breakdown(ctx, {
    dimension: 'CATEGORY',
    measures: ['PROJECTS', 'AWARD_TOTAL', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'SAVINGS_RATE'],
    chartMeasure: 'PROJECTS',
    title: ctx.t('categories'),
  });
}

/** Penalties and their publication, the blacklist, and joint-restriction flags. */
export async function creditPage(ctx: PageContext) {
  const { root, filters, t, lang } = ctx;
  const state = begin(ctx, t('credit'), filters.category ? h('p', { class: 'note' }, t('noCategory')) : null);
  // Penalties and blacklist entries belong to entities: the category filter does not apply.
  const filter = statsFilter(filters, false);
  const measures = ['PENALTIES', 'PENALTIES_PUBLISHED_ON_TIME_SHARE', 'ACTIVE_BLACKLIST_ENTRIES', 'JOINT_RESTRICTION_FLAGS'];
  const [total, monthly] = await Promise.all([
    gql<{ statistics: { rows: StatRow[] } }>(STATS, { input: { measures, filter } }),
    gql<{ statistics: { rows: StatRow[] } }>(STATS, {
      input: { measures: ['PENALTIES', 'ACTIVE_BLACKLIST_ENTRIES'], dimensions: ['PERIOD'], granularity: filters.granularity, filter },
    }),
  ]);
  const values = total.statistics.rows[0]?.values ?? [];
  const chartEl = h('div', { class: 'chart', id: 'chart' });
  state.replaceWith(h('div', { class: 'cards' }, ...values.map((v) => card(v.measure, v.value, lang, t))), chartEl);
  const rows = [...monthly.statistics.rows].sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  const labels = rows.map((r) => periodLabel(r.period!, filters.granularity, lang));
  const trend = ['PENALTIES', 'ACTIVE_BLACKLIST_ENTRIES'];
  const series = (m: string) => rows.map((r) => r.values.find((v) => v.measure === m)?.value ?? 0);
  const chart = echarts.init(chartEl);
  chart.setOption({
    animation: false,
    tooltip: textTooltip(),
    legend: { data: trend.map(t) },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value' },
    series: trend.map((m) => ({ name: t(m), type: m === 'PENALTIES' ? 'bar' : 'line', data: series(m) })),
  });
  chartTools(
    root,
    chart,
    t,
    [t('period'), ...trend.map(t)],
    labels.map((l, i) => [l, ...trend.map((m) => series(m)[i]!)]),
    'credit',
  );
  document.body.dataset.ready = 'credit';
}
