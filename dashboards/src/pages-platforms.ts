import * as echarts from 'echarts';
import { gql } from './api';
import { chartTools } from './chart-tools';
import { fill, h } from './dom';
import { statsFilter } from './filters';
import { figure } from './format';
import type { PageContext } from './pages';
import { textTooltip } from './tooltip';

const loading = (ctx: PageContext, title: string) => {
  const state = h('div', { class: 'state' }, ctx.t('loading'));
  fill(ctx.root, h('h2', {}, title), state);
  return state;
};

/** Each platform's nightly push: timeliness, rejections, completeness (seed 004 Art. 22). */
export async function qualityPage(ctx: PageContext) {
  const { root, filters, t, lang } = ctx;
  const state = loading(ctx, t('quality'));
  // Data quality is per platform and period: the region and category filters do not apply.
  const data = await gql<{
    dataQuality: Array<{
      platform: { code: string; name: string };
      timeliness: number | null;
      rejectionRate: number | null;
      recordsReceived: number;
      completeness: Array<{ share: number | null }>;
    }>;
  }>(`query($from: Date!, $to: Date!) { dataQuality(from: $from, to: $to) { platform { code name } timeliness rejectionRate recordsReceived completeness { share } } }`, {
    from: filters.from,
    to: filters.to,
  });
  const rows = data.dataQuality;
  const completeness = (r: (typeof rows)[number]) => {
    const shares = r.completeness.map((c) => c.share).filter((s): s is number => s !== null);
    return shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
  };
  const chartEl = h('div', { class: 'chart', id: 'chart' });
  const head = h('tr', {}, h('th'), ...['timeliness', 'rejectionRate', 'completeness', 'records'].map((k) => h('th', {}, t(k))));
  const body = rows.map((r) =>
    h(
      'tr',
      { 'data-key': r.platform.code },
      h('th', {}, `${r.platform.name} (${r.platform.code})`),
      h('td', {}, figure('X_SHARE', r.timeliness, lang)),
      h('td', {}, figure('X_SHARE', r.rejectionRate, lang)),
      h('td', {}, figure('X_SHARE', completeness(r), lang)),
      h('td', {}, r.recordsReceived),
    ),
  );
  state.replaceWith(chartEl, h('table', { id: 'table' }, h('thead', {}, head), h('tbody', {}, ...body)));
  const chart = echarts.init(chartEl);
  chart.setOption({
    animation: false,
    tooltip: textTooltip((v) => `${String(v)}%`),
    grid: { left: 60, right: 30, bottom: 90 },
    xAxis: { type: 'category', data: rows.map((r) => (lang === 'zh' ? r.platform.name : r.platform.code)), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: [{ name: t('timeliness'), type: 'bar', data: rows.map((r) => Math.round((r.timeliness ?? 0) * 1000) / 10) }],
  });
  chartTools(
    root,
    chart,
    t,
    null,
    [
      [t('platform'), t('timeliness'), t('rejectionRate'), t('completeness'), t('records')],
      ...rows.map((r) => [r.platform.code, r.timeliness ?? '', r.rejectionRate ?? '', completeness(r) ?? '', r.recordsReceived]),
    ],
    'quality',
  );
  document.body.dataset.ready = 'quality';
}

/** Top initiators, winners and agencies by award total. */
export async function rankingsPage(ctx: PageContext) {
  const { filters, t, lang } = ctx;
  const state = loading(ctx, t('rankings'));
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
  state.replaceWith(
    ...subjects.flatMap((s, i) => [
      h('h3', {}, t(s)),
      h(
        'table',
        { 'data-subject': s },
        h(
          'tbody',
          {},
          ...lists[i]!.rankings.map((r) =>
            h('tr', {}, h('td', {}, r.rank), h('th', { class: 'name' }, r.name), h('td', {}, figure('AWARD_TOTAL', Number(r.awardTotal), lang)), h('td', {}, r.count)),
          ),
        ),
      ),
    ]),
  );
  document.body.dataset.ready = 'rankings';
}
