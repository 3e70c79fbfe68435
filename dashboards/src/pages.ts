import * as echarts from 'echarts';
import { gql } from './api';
import { figure, type Lang } from './format';

/** Everything a page needs: where to draw, the filters, the language, and how to move. */
export interface Filters {
  from: string;
  to: string;
  region: string;
  category: string;
  granularity: string;
  page: string;
}

/** The statistics filter for the page's filters; entity measures (penalties, blacklist) take no category. */
export const statsFilter = (f: Filters, withCategory = true) => ({
  from: f.from,
  to: f.to,
  ...(f.region ? { regionCode: f.region } : {}),
  ...(withCategory && f.category ? { categoryCodes: [f.category] } : {}),
});

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

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * A chart and a sortable table of measures by one dimension; every figure comes from the
 * statistics API. `onPick` turns a click on a bar or row into a drill-down.
 */
async function breakdown(ctx: PageContext, opts: { dimension: 'REGION' | 'CATEGORY'; regionLevel?: string; measures: string[]; chartMeasure: string; onPick?: (key: string) => void; title: string; extra?: string }) {
  const { root, filters, lang, t } = ctx;
  root.innerHTML = `<h2>${esc(opts.title)}</h2>${opts.extra ?? ''}<div class="state">${t('loading')}</div>`;
  const filter = statsFilter(filters);
  const data = await gql<{ statistics: { rows: StatRow[] } }>(STATS, {
    input: { measures: opts.measures, dimensions: [opts.dimension], ...(opts.regionLevel ? { regionLevel: opts.regionLevel } : {}), filter },
  });
  const label = (r: StatRow) => {
    const info = opts.dimension === 'REGION' ? r.regionInfo : r.categoryInfo;
    return info ? (lang === 'zh' ? info.name : info.nameEn) : (r.region ?? r.category ?? '—');
  };
  const key = (r: StatRow) => (opts.dimension === 'REGION' ? r.region : r.category) ?? '';
  let rows = data.statistics.rows.filter((r) => key(r) !== '');
  const state = root.querySelector('.state')!;
  if (rows.length === 0) {
    state.textContent = t('empty');
    state.id = 'empty';
    return;
  }
  const value = (r: StatRow, m: string) => r.values.find((v) => v.measure === m)?.value ?? null;
  rows = rows.sort((a, b) => (value(b, opts.chartMeasure) ?? 0) - (value(a, opts.chartMeasure) ?? 0));
  state.outerHTML = `<div class="chart" id="chart"></div>
    <p><button type="button" id="csv">${t('csv')}</button> <button type="button" id="png">${t('png')}</button></p>
    <table id="table"><thead><tr><th data-sort="label"></th>${opts.measures.map((m) => `<th data-sort="${m}">${t(m)}</th>`).join('')}</tr></thead><tbody></tbody></table>`;
  const chart = echarts.init(root.querySelector<HTMLElement>('#chart')!);
  const draw = () => {
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 30, bottom: 80 },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value' },
      series: [{ name: t(opts.chartMeasure), type: 'bar', data: rows.map((r) => value(r, opts.chartMeasure) ?? 0) }],
    });
    root.querySelector('#table tbody')!.innerHTML = rows
      .map((r) => `<tr data-key="${esc(key(r))}"><th>${esc(label(r))}</th>${opts.measures.map((m) => `<td data-measure="${m}" data-value="${value(r, m) ?? ''}">${figure(m, value(r, m), lang)}</td>`).join('')}</tr>`)
      .join('');
  };
  draw();
  root.querySelectorAll<HTMLElement>('th[data-sort]').forEach((th) =>
    th.addEventListener('click', () => {
      const m = th.dataset.sort!;
      rows = [...rows].sort((a, b) => (m === 'label' ? label(a).localeCompare(label(b)) : (value(b, m) ?? -Infinity) - (value(a, m) ?? -Infinity)));
      draw();
    }),
  );
  if (opts.onPick) {
    chart.on('click', (p) => opts.onPick!(key(rows[p.dataIndex]!)));
    root.querySelector('#table tbody')!.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.key) opts.onPick!(tr.dataset.key);
    });
  }
  root.querySelector('#csv')!.addEventListener('click', () =>
    download(new Blob([[`${opts.dimension.toLowerCase()},${opts.measures.join(',')}`, ...rows.map((r) => [key(r), ...opts.measures.map((m) => value(r, m) ?? '')].join(','))].join('\n')], { type: 'text/csv' }), 'breakdown.csv'),
  );
  root.querySelector('#png')!.addEventListener('click', () => downloadUrl(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), 'breakdown.png'));
  document.body.dataset.ready = opts.dimension === 'REGION' ? 'regions' : 'categories';
}

/** Leagues and cities ranked; a click drills down to a league's banners and zones, and back up. */
export async function regionsPage(ctx: PageContext) {
  const drilled = ctx.filters.region !== '';
  await breakdown(ctx, {
    dimension: 'REGION',
    regionLevel: drilled ? 'COUNTY' : 'LEAGUE',
    measures: ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE'],
    chartMeasure: 'AWARD_TOTAL',
    title: ctx.t('regions'),
    extra: drilled ? `<p><a href="#" id="up">↑ ${ctx.t('all')}</a></p>` : '',
    onPick: drilled ? undefined : (code) => ctx.navigate({ region: code }),
  });
  ctx.root.querySelector('#up')?.addEventListener('click', (e) => {
    e.preventDefault();
    ctx.navigate({ region: '' });
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
  root.innerHTML = `<h2>${t('credit')}</h2>${filters.category ? `<p class="note">${t('noCategory')}</p>` : ''}<div class="state">${t('loading')}</div>`;
  // Penalties and blacklist entries belong to entities: the category filter does not apply.
  const filter = statsFilter(filters, false);
  const measures = ['PENALTIES', 'PENALTIES_PUBLISHED_ON_TIME_SHARE', 'ACTIVE_BLACKLIST_ENTRIES', 'JOINT_RESTRICTION_FLAGS'];
  const [total, monthly] = await Promise.all([
    gql<{ statistics: { rows: StatRow[] } }>(STATS, { input: { measures, filter } }),
    gql<{ statistics: { rows: StatRow[] } }>(STATS, { input: { measures: ['PENALTIES', 'ACTIVE_BLACKLIST_ENTRIES'], dimensions: ['PERIOD'], granularity: filters.granularity, filter } }),
  ]);
  const values = total.statistics.rows[0]?.values ?? [];
  root.querySelector('.state')!.outerHTML = `<div class="cards">${values
    .map((v) => `<div class="card" data-measure="${v.measure}"><div>${t(v.measure)}</div><div class="value" data-value="${v.value ?? ''}">${figure(v.measure, v.value, lang)}</div></div>`)
    .join('')}</div><div class="chart" id="chart"></div>`;
  const rows = [...monthly.statistics.rows].sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  const labels = rows.map((r) => periodLabel(r.period!, filters.granularity, lang));
  const trend = ['PENALTIES', 'ACTIVE_BLACKLIST_ENTRIES'];
  const series = (m: string) => rows.map((r) => r.values.find((v) => v.measure === m)?.value ?? 0);
  const chart = echarts.init(root.querySelector<HTMLElement>('#chart')!);
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: trend.map(t) },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value' },
    series: trend.map((m) => ({ name: t(m), type: m === 'PENALTIES' ? 'bar' : 'line', data: series(m) })),
  });
  chartTools(root, chart, t, [t('period'), ...trend.map(t)], labels.map((l, i) => [l, ...trend.map((m) => series(m)[i]!)]), 'credit');
  document.body.dataset.ready = 'credit';
}

/** Each platform's nightly push: timeliness, rejections, completeness (seed 004 Art. 22). */
export async function qualityPage(ctx: PageContext) {
  const { root, filters, t, lang } = ctx;
  root.innerHTML = `<h2>${t('quality')}</h2><div class="state">${t('loading')}</div>`;
  // Data quality is per platform and period: the region and category filters do not apply.
  const data = await gql<{ dataQuality: Array<{ platform: { code: string; name: string }; timeliness: number | null; rejectionRate: number | null; recordsReceived: number; completeness: Array<{ share: number | null }> }> }>(
    `query($from: Date!, $to: Date!) { dataQuality(from: $from, to: $to) { platform { code name } timeliness rejectionRate recordsReceived completeness { share } } }`,
    { from: filters.from, to: filters.to },
  );
  const rows = data.dataQuality;
  const completeness = (r: (typeof rows)[number]) => {
    const shares = r.completeness.map((c) => c.share).filter((s): s is number => s !== null);
    return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
  };
  root.querySelector('.state')!.outerHTML = `<div class="chart" id="chart"></div><table id="table"><thead><tr><th></th><th>${t('timeliness')}</th><th>${t('rejectionRate')}</th><th>${t('completeness')}</th><th>${t('records')}</th></tr></thead><tbody>${rows
    .map((r) => `<tr data-key="${r.platform.code}"><th>${esc(r.platform.name)} (${r.platform.code})</th><td>${figure('X_SHARE', r.timeliness, lang)}</td><td>${figure('X_SHARE', r.rejectionRate, lang)}</td><td>${figure('X_SHARE', completeness(r), lang)}</td><td>${r.recordsReceived}</td></tr>`)
    .join('')}</tbody></table>`;
  echarts.init(root.querySelector<HTMLElement>('#chart')!).setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 30, bottom: 90 },
    xAxis: { type: 'category', data: rows.map((r) => (lang === 'zh' ? r.platform.name : r.platform.code)), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: [{ name: t('timeliness'), type: 'bar', data: rows.map((r) => Math.round((r.timeliness ?? 0) * 1000) / 10) }],
  });
  const chart = echarts.getInstanceByDom(root.querySelector<HTMLElement>('#chart')!)!;
  chartTools(root, chart, t, null, [[t('platform'), t('timeliness'), t('rejectionRate'), t('completeness'), t('records')], ...rows.map((r) => [r.platform.code, r.timeliness ?? '', r.rejectionRate ?? '', completeness(r) ?? '', r.recordsReceived])], 'quality');
  document.body.dataset.ready = 'quality';
}

/** Top initiators, winners and agencies by award total. */
export async function rankingsPage(ctx: PageContext) {
  const { root, filters, t, lang } = ctx;
  root.innerHTML = `<h2>${t('rankings')}</h2><div class="state">${t('loading')}</div>`;
  const filter = statsFilter(filters);
  const subjects = ['WINNER', 'INITIATOR', 'AGENCY'];
  const lists = await Promise.all(
    subjects.map((s) => gql<{ rankings: Array<{ rank: number; name: string; awardTotal: string; count: number }> }>(
      `query($f: StatisticsFilter!) { rankings(subject: ${s}, first: 10, filter: $f) { rank name awardTotal count } }`, { f: filter })),
  );
  root.querySelector('.state')!.outerHTML = subjects
    .map((s, i) => `<h3>${t(s)}</h3><table data-subject="${s}"><tbody>${lists[i]!.rankings
      .map((r) => `<tr><td>${r.rank}</td><th style="text-align:left">${esc(r.name)}</th><td>${figure('AWARD_TOTAL', Number(r.awardTotal), lang)}</td><td>${r.count}</td></tr>`)
      .join('')}</tbody></table>`)
    .join('');
  document.body.dataset.ready = 'rankings';
}

/**
 * Under a chart: CSV and PNG export, and (when `header` is given) the chart's data as a
 * table, so every chart can be read as numbers too.
 */
export function chartTools(
  root: HTMLElement,
  chart: echarts.ECharts,
  t: (k: string) => string,
  header: string[] | null,
  rows: Array<Array<string | number>>,
  name: string,
  opts: { tableId?: string; display?: (value: string | number, column: number) => string } = {},
) {
  const csvRows = header ? [header, ...rows] : rows;
  const show = opts.display ?? ((v: string | number) => String(v));
  const id = opts.tableId ? ` id="${opts.tableId}"` : '';
  root.insertAdjacentHTML(
    'beforeend',
    `<p><button type="button" class="csv">${t('csv')}</button> <button type="button" class="png">${t('png')}</button></p>` +
      (header
        ? `<table class="chart-table"${id}><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
            .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th>${esc(String(c))}</th>` : `<td>${show(c, i)}</td>`)).join('')}</tr>`)
            .join('')}</tbody></table>`
        : ''),
  );
  root.querySelector('button.csv')!.addEventListener('click', () => download(new Blob([csvRows.map((r) => r.join(',')).join('\n')], { type: 'text/csv' }), `${name}.csv`));
  root.querySelector('button.png')!.addEventListener('click', () => downloadUrl(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${name}.png`));
}

/** A period's first day as 2025年3月, 2025年第1季度 or 2025年 (or ISO-like in English). */
export function periodLabel(day: string, granularity: string, lang: Lang): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (granularity === 'YEAR') return lang === 'zh' ? `${y}年` : String(y);
  if (granularity === 'QUARTER') return lang === 'zh' ? `${y}年第${Math.ceil(m / 3)}季度` : `${y} Q${Math.ceil(m / 3)}`;
  return lang === 'zh' ? `${y}年${m}月` : day.slice(0, 7);
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  downloadUrl(url, name);
  URL.revokeObjectURL(url);
}

function downloadUrl(url: string, name: string) {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}
