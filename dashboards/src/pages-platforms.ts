import { gql } from './api';
import { h } from './dom';
import { statsFilter } from './filters';
import { moneyUnit } from './format';
import { comparisonRanges } from './periods';
import { comparisons } from './stats';
import { chinaTime } from './scope';
import { begin, chartBox, definitionsBlock, drawChart, tableWithExports, type PageContext } from './page-context';
import type { Column, FiguresTable } from './table';
import { textTooltip } from './tooltip';

interface Quality {
  platform: { code: string; name: string };
  timeliness: number | null;
  rejectionRate: number | null;
  recordsReceived: number;
  completeness: Array<{ share: number | null; total: number }>;
  lastBatchSealedAt: string | null;
}

/**
 * Each platform's nightly push: timeliness, rejections, completeness (seed 004 Art. 22).
 * Records count by push time and completeness by project registration: both are shown with
 * what they count, so 0 records beside 95% reads as "nothing pushed in the period" rather than a fault.
 */
export async function qualityPage(ctx: PageContext) {
  const { filters, t, lang } = ctx;
  const state = begin(ctx, t('quality'), h('p', { class: 'note' }, t('qualityNote')));
  // Data quality is per platform and period: the region and category filters do not apply.
  const ask = (range: { from: string; to: string }) =>
    gql<{ dataQuality: Quality[] }>(
      `query($from: Date!, $to: Date!) { dataQuality(from: $from, to: $to) { platform { code name } timeliness rejectionRate recordsReceived lastBatchSealedAt completeness { share total } } }`,
      range,
    );
  // Data quality has no `compare` of its own: the comparison ranges are asked for as the statistics API shifts them.
  const ranges = comparisonRanges(filters.from, filters.to);
  const withPrevious = comparisons(ranges.previous, ranges.yearAgo).includes('previous');
  const [data, previous, yearAgo] = await Promise.all([ask(filters), withPrevious ? ask(ranges.previous) : null, ask(ranges.yearAgo)]);
  const timelinessIn = (d: { dataQuality: Quality[] } | null) => new Map((d?.dataQuality ?? []).map((q) => [q.platform.code, q.timeliness]));
  const compared: Array<[string, Map<string, number | null>]> = [
    ...(previous ? ([['previousPeriod', timelinessIn(previous)]] as Array<[string, Map<string, number | null>]>) : []),
    ['yearAgoPeriod', timelinessIn(yearAgo)],
  ];
  const rows = data.dataQuality;
  const completeness = (r: Quality) => {
    const shares = r.completeness.map((c) => c.share).filter((s): s is number => s !== null);
    return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
  };
  const measured = (r: Quality) => Math.max(0, ...r.completeness.map((c) => c.total));
  const columns: Column[] = [
    { label: t('platform') },
    { label: t('timeliness'), measure: 'X_SHARE' },
    { label: t('rejectionRate'), measure: 'X_SHARE' },
    { label: t('records'), measure: 'PROJECTS' },
    { label: t('completeness'), measure: 'X_SHARE' },
    { label: t('measured'), measure: 'PROJECTS' },
    ...compared.map(([key]) => ({ label: `${t('timeliness')} · ${t(key)}`, measure: 'X_SHARE' })),
  ];
  const table: FiguresTable = {
    id: 'table',
    caption: t('quality'),
    columns,
    rows: rows.map((r) => ({
      key: r.platform.code,
      cells: [
        lang === 'zh' ? r.platform.name : `${r.platform.name} (${r.platform.code})`,
        r.timeliness,
        r.rejectionRate,
        r.recordsReceived,
        completeness(r),
        measured(r),
        ...compared.map(([, m]) => m.get(r.platform.code) ?? null),
      ],
    })),
  };
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const chartEl = chartBox('chart', `${t('quality')}: ${t('timeliness')}`);
  // Nothing pushed in the period (a past year, before the platforms pushed here): say so and when the last push was.
  const last = rows
    .map((r) => r.lastBatchSealedAt)
    .filter((x): x is string => x !== null)
    .sort()
    .at(-1);
  const nothing = rows.every((r) => r.recordsReceived === 0)
    ? h('p', { class: 'notice', id: 'no-pushes', role: 'status' }, `${t('noPushes')}${last ? ` ${t('lastPush')} ${chinaTime(last)}` : ''}`)
    : null;
  state.replaceWith(...(nothing ? [nothing] : []), chartEl);
  const chart = await drawChart(chartEl);
  chart.setOption({
    animation: false,
    tooltip: textTooltip((v) => `${String(v)}%`),
    grid: { left: 60, right: 30, top: 50, bottom: 90 },
    xAxis: { type: 'category', data: rows.map((r) => r.platform.name), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    legend: { top: 0 },
    series: [
      { name: `${t('timeliness')} · ${t('thisPeriod')}`, type: 'bar', data: rows.map((r) => pct(r.timeliness)) },
      ...compared.map(([key, m], i) => ({
        name: `${t('timeliness')} · ${t(key)}`,
        type: 'bar',
        data: rows.map((r) => pct(m.get(r.platform.code) ?? null)),
        itemStyle: { opacity: i === compared.length - 1 ? 0.35 : 0.55 },
      })),
    ],
  });
  const built = tableWithExports(ctx, table, { chart, title: `${t('quality')} · ${t('timeliness')}`, unit: '%' });
  ctx.root.append(built.exports, built.box, definitionsBlock(ctx, ['timeliness', 'rejectionRate', 'records', 'completeness', 'measured']));
  document.body.dataset.ready = 'quality';
}

/** Top initiators, winners and agencies by award total, each a table with headers and its own CSV. */
export async function rankingsPage(ctx: PageContext) {
  const { filters, t } = ctx;
  const state = begin(ctx, t('rankings'));
  const filter = statsFilter(filters);
  const subjects = ['WINNER', 'INITIATOR', 'AGENCY'];
  const lists = await Promise.all(
    subjects.map((s) =>
      gql<{ rankings: Array<{ rank: number; name: string; awardTotal: string; count: number }> }>(
        `query($f: StatisticsFilter!) { rankings(subject: ${s}, first: 10, filter: $f) { rank name awardTotal count } }`,
        { f: filter },
      ),
    ),
  );
  const unit = moneyUnit(lists.flatMap((l) => l.rankings.map((r) => Number(r.awardTotal))));
  state.replaceWith(
    ...subjects.flatMap((s, i) => {
      const table: FiguresTable = {
        id: `ranking-${s.toLowerCase()}`,
        caption: t(s),
        columns: [
          { label: t('rank') },
          { label: t('name') },
          { label: t('AWARD_TOTAL'), measure: 'AWARD_TOTAL', unit },
          { label: s === 'WINNER' ? t('winCount') : t('count'), measure: 'PROJECTS' },
        ],
        rows: lists[i]!.rankings.map((r) => ({ cells: [r.rank, r.name, Number(r.awardTotal), r.count] })),
      };
      const built = tableWithExports(ctx, table);
      built.table.dataset.subject = s;
      built.table.classList.add('ranking');
      return [h('h3', {}, t(s)), built.box, built.exports];
    }),
  );
  ctx.root.append(definitionsBlock(ctx, ['AWARD_TOTAL']));
  document.body.dataset.ready = 'rankings';
}
