import { periodLabel } from './periods';
import { h } from './dom';
import { statsFilter } from './filters';
import { moneyUnit, unitName } from './format';
import { begin, card, chartBox, definitionsBlock, drawChart, tableWithExports, type PageContext } from './page-context';
import { statistics, trend, trendValue, valueOf, type Which } from './stats';
import type { Column } from './table';
import { textTooltip } from './tooltip';

export const HEADLINE = ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE', 'COMPLAINTS_PER_100_PROJECTS'];
const TREND = ['PROJECTS', 'AWARD_TOTAL'];
const SERIES_KEY: Record<Which, string> = { value: 'thisPeriod', previous: 'previousPeriod', yearAgo: 'yearAgoPeriod' };

/**
 * 总览: the headline figures with their change on the previous period and a year earlier
 * (rates in 百分点), each a link to the breakdown behind it, and the trend of projects and
 * award total against the same periods a year earlier.
 */
export async function overviewPage(ctx: PageContext) {
  const { filters: f, lang, t } = ctx;
  const state = begin(ctx, t('overview'));
  const filter = statsFilter(f);
  const [headline, series] = await Promise.all([statistics({ measures: HEADLINE, compare: true, filter }), trend(TREND, filter, f.granularity)]);
  const top = headline.rows[0];
  if (!top || valueOf(top, 'PROJECTS') === 0) {
    state.textContent = t('empty');
    state.id = 'empty';
    document.body.dataset.ready = 'overview';
    return;
  }
  const drill = (m: string) =>
    `?${new URLSearchParams({ page: 'regions', measure: m, from: f.from, to: f.to, ...(f.category ? { category: f.category } : {}), ...(lang === 'en' ? { lang } : {}) })}`;
  const cards = h(
    'div',
    { class: 'cards', id: 'cards' },
    ...HEADLINE.map((m) => card(ctx, m, valueOf(top, m), { previous: valueOf(top, m, 'previous'), yearAgo: valueOf(top, m, 'yearAgo'), href: drill(m) })),
  );
  for (const a of cards.querySelectorAll<HTMLAnchorElement>('a.drill')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      ctx.navigate({ page: 'regions', measure: a.dataset.drill!, region: '' });
    });
  }
  const labels = series.periods.map((p) => periodLabel(p, f.granularity, lang));
  const which = series.which;
  const at = (w: Which, k: number, m: string) => trendValue(series, w, k, m);
  const unit = moneyUnit(series.periods.flatMap((_, k) => which.map((w) => at(w, k, 'AWARD_TOTAL'))));
  const chartEl = chartBox('trend-chart', `${t('trend')}: ${t('PROJECTS')}, ${t('AWARD_TOTAL')}`);
  const columns: Column[] = [
    { label: t('period') },
    ...TREND.flatMap((m) => which.map((w) => ({ label: which.length > 1 ? `${t(m)} · ${t(SERIES_KEY[w])}` : t(m), measure: m, unit }))),
  ];
  const table = {
    id: 'trend-table',
    caption: lang === 'zh' ? `${t('trend')}（${t(f.granularity)}）` : `${t('trend')} (${t(f.granularity)})`,
    columns,
    rows: labels.map((label, k) => ({ cells: [label, ...TREND.flatMap((m) => which.map((w) => at(w, k, m)))] })),
  };
  state.replaceWith(cards, h('h3', {}, t('trend')), chartEl);
  const chart = await drawChart(chartEl);
  const money = unitName(unit, lang);
  chart.setOption({
    animation: false,
    tooltip: textTooltip((v, series) => (series % 2 === 1 ? `${String(v ?? '—')} ${money}` : String(v ?? '—'))),
    legend: { top: 0 },
    grid: { left: 60, right: 70, top: 50, bottom: 40 },
    xAxis: { type: 'category', data: labels },
    yAxis: [
      { type: 'value', name: t('PROJECTS') },
      { type: 'value', name: money },
    ],
    // This period solid, the comparison dashed and paler: bars for projects, lines for amounts.
    series: which.flatMap((w) => [
      { name: `${t('PROJECTS')} · ${t(SERIES_KEY[w])}`, type: 'bar', data: labels.map((_, k) => at(w, k, 'PROJECTS')), itemStyle: w === 'value' ? undefined : { opacity: 0.45 } },
      {
        name: `${t('AWARD_TOTAL')} · ${t(SERIES_KEY[w])}`,
        type: 'line',
        yAxisIndex: 1,
        data: labels.map((_, k) => {
          const v = at(w, k, 'AWARD_TOTAL');
          return v === null ? null : Math.round((v / unit.divisor) * 100) / 100;
        }),
        lineStyle: w === 'value' ? undefined : { type: 'dashed' },
      },
    ]),
  });
  const built = tableWithExports(ctx, table, { chart, title: `${t('trend')} · ${t('PROJECTS')} / ${t('AWARD_TOTAL')}`, unit: money });
  ctx.root.append(built.exports, built.box, definitionsBlock(ctx, HEADLINE));
  document.body.dataset.ready = 'overview';
}
