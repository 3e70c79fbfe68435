import type { Session } from './api';
import { h } from './dom';
import type { Reference } from './filters';
import { figure, moneyUnit, unitName, type Lang } from './format';
import { drawChart } from './page-context';
import { boundaries } from './page-map';
import { HUB_REGION, plotted } from './pages';
import { periodLabel } from './periods';
import { chinaTime, dataAsOf, scopeWords } from './scope';
import { statistics, trend, trendValue, valueOf } from './stats';

export interface ScreenContext {
  root: HTMLElement;
  lang: Lang;
  t: (key: string) => string;
  session: Session;
  reference: Reference;
  exit: () => void;
}

const HEADLINE = ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE'];
/** A wall display is left running: it refreshes itself, every five minutes. */
export const REFRESH_MS = 5 * 60_000;
let timer: ReturnType<typeof setInterval> | null = null;

/**
 * 大屏: a dark full-screen view for a wall, readable from across a room at 1920×1080: the
 * year's headline figures against the same days last year, the map of the leagues and the
 * monthly trend. The figures are the caller's scope, as on every page.
 */
export async function screenPage(ctx: ScreenContext) {
  const { root, lang, t } = ctx;
  document.body.classList.add('screen');
  const exit = h('button', { type: 'button', id: 'exit-screen' }, t('exitScreen'));
  exit.addEventListener('click', () => {
    if (timer) clearInterval(timer);
    timer = null;
    document.body.classList.remove('screen');
    if (document.fullscreenElement) void document.exitFullscreen();
    ctx.exit();
  });
  const full = h('button', { type: 'button', id: 'fullscreen' }, t('fullscreen'));
  full.addEventListener('click', () => void document.documentElement.requestFullscreen?.().catch(() => undefined));
  const clock = h('span', { id: 'screen-clock' });
  const cards = h('div', { class: 'screen-cards', id: 'screen-cards' });
  const mapEl = h('div', { class: 'screen-map', id: 'screen-map', role: 'img', 'aria-label': `${t('map')}: ${t('AWARD_TOTAL')}` });
  const trendEl = h('div', { class: 'screen-trend', id: 'screen-trend', role: 'img', 'aria-label': `${t('trend')}: ${t('AWARD_TOTAL')}` });
  root.replaceChildren(
    h(
      'div',
      { class: 'screen-head' },
      h('h2', {}, t('screenTitle')),
      h('span', { class: 'screen-scope' }, scopeWords(ctx.session, ctx.reference, lang).banner),
      clock,
      h('span', { class: 'screen-buttons' }, full, ' ', exit),
    ),
    cards,
    h('div', { class: 'screen-charts' }, mapEl, trendEl),
  );
  const map = await drawChart(mapEl, true);
  const trendChart = await drawChart(trendEl, true);
  const draw = async () => {
    // Left by the back button rather than the exit button: stop refreshing a wall no one sees.
    if (!document.body.classList.contains('screen')) {
      if (timer) clearInterval(timer);
      timer = null;
      return;
    }
    const today = new Date().toISOString().slice(0, 10);
    const filter = { from: `${today.slice(0, 4)}-01-01`, to: today };
    const [top, byLeague, geo, asOf, monthly] = await Promise.all([
      statistics({ measures: HEADLINE, compare: true, filter }),
      statistics({ measures: ['AWARD_TOTAL'], dimensions: ['REGION'], regionLevel: 'LEAGUE', filter }),
      boundaries(HUB_REGION),
      dataAsOf(),
      trend(['AWARD_TOTAL'], filter, 'MONTH'),
    ]);
    const row = top.rows[0];
    cards.replaceChildren(
      ...HEADLINE.map((m) => {
        const v = valueOf(row, m);
        const y = valueOf(row, m, 'yearAgo');
        return h(
          'div',
          { class: 'screen-card', 'data-measure': m },
          h('div', { class: 'label' }, t(m)),
          h('div', { class: 'value', 'data-value': v ?? '' }, figure(m, v, lang)),
          h('div', { class: 'change' }, `${t('yearAgo')} ${y === null ? '—' : figure(m, y, lang)}`),
        );
      }),
    );
    clock.textContent = `${t('ytd')} ${filter.from} — ${filter.to} · ${asOf ? `${t('asOf')} ${asOf}` : t('notSynced')} · ${chinaTime(new Date().toISOString())}`;
    const unit = moneyUnit(byLeague.rows.map((r) => valueOf(r, 'AWARD_TOTAL')));
    const byCode = new Map(byLeague.rows.map((r) => [r.region, valueOf(r, 'AWARD_TOTAL')]));
    const values = geo.features.map((f) => plotted('AWARD_TOTAL', byCode.get(f.properties.code) ?? null, unit) ?? 0);
    const names = new Map(ctx.reference.regions.map((r) => [r.code, lang === 'zh' ? r.name : r.nameEn]));
    map.setOption({
      backgroundColor: 'transparent',
      animation: false,
      visualMap: {
        min: 0,
        max: Math.max(1, ...values),
        left: 20,
        bottom: 20,
        text: [unitName(unit, lang), ''],
        textStyle: { fontSize: 18 },
        inRange: { color: ['#12355b', '#2f80ed', '#9ad1ff'] },
      },
      series: [
        {
          type: 'map',
          map: `r${HUB_REGION}`,
          nameProperty: 'code',
          label: { show: true, color: '#fff', fontSize: 18, formatter: (p: { name: string }) => names.get(p.name) ?? p.name },
          data: geo.features.map((f, i) => ({ name: f.properties.code, value: values[i] })),
        },
      ],
    });
    const award = (w: 'value' | 'yearAgo') => monthly.periods.map((_, k) => (monthly.rows[w] ? trendValue(monthly, w, k, 'AWARD_TOTAL') : null));
    const tUnit = moneyUnit([...award('value'), ...award('yearAgo')]);
    trendChart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      legend: { top: 0, textStyle: { fontSize: 18 } },
      grid: { left: 90, right: 30, top: 60, bottom: 50 },
      xAxis: { type: 'category', data: monthly.periods.map((p) => periodLabel(p, 'MONTH', lang)), axisLabel: { fontSize: 16 } },
      yAxis: { type: 'value', name: unitName(tUnit, lang), nameTextStyle: { fontSize: 16 }, axisLabel: { fontSize: 16 } },
      series: [
        { name: `${t('AWARD_TOTAL')} · ${t('thisPeriod')}`, type: 'bar', data: award('value').map((v) => plotted('AWARD_TOTAL', v, tUnit)) },
        {
          name: `${t('AWARD_TOTAL')} · ${t('yearAgoPeriod')}`,
          type: 'line',
          lineStyle: { type: 'dashed', width: 3 },
          data: award('yearAgo').map((v) => plotted('AWARD_TOTAL', v, tUnit)),
        },
      ],
    });
    document.body.dataset.ready = 'screen';
    document.body.dataset.refreshed = new Date().toISOString();
  };
  await draw();
  if (timer) clearInterval(timer);
  // A failed refresh keeps the last figures on the wall; the next one tries again.
  timer = setInterval(() => void draw().catch(() => undefined), REFRESH_MS);
}
