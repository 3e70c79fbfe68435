import { echarts } from './charts';
import { h } from './dom';
import { statsFilter } from './filters';
import { moneyUnit } from './format';
import { begin, chartBox, definitionsBlock, drawChart, PROJECT_READERS, tableWithExports, type PageContext } from './page-context';
import { axisUnit, HUB_REGION, plotted, SERIES_KEY } from './pages';
import { comparisons, statistics, valueOf, type StatRow } from './stats';
import type { FiguresTable } from './table';

/** Boundaries shipped with the pages (dashboards/public/maps, source and licence in maps-source/README.md). */
interface Boundaries {
  type: 'FeatureCollection';
  features: Array<{ properties: { code: string; name: string } }>;
}

const loaded = new Map<string, Promise<Boundaries>>();

/** The boundaries of a region's children, registered with ECharts once per page load. */
export function boundaries(code: string): Promise<Boundaries> {
  let b = loaded.get(code);
  if (!b) {
    b = fetch(`/dashboards/maps/${code}.json`).then(async (r) => {
      if (!r.ok) throw new Error(`map ${code}: HTTP ${r.status}`);
      const json = (await r.json()) as Boundaries;
      echarts.registerMap(`r${code}`, json as never);
      return json;
    });
    b.catch(() => loaded.delete(code));
    loaded.set(code, b);
  }
  return b;
}

const MEASURES = ['AWARD_TOTAL', 'PROJECTS', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE'];

/**
 * 地图: a choropleth of the leagues and cities, or of a league's banners, counties and zones
 * once drilled into; a click on an area drills down (and, for supervisors and admin, from a
 * county on to its projects).
 */
export async function mapPage(ctx: PageContext) {
  const { filters: f, lang, t } = ctx;
  const drilled = f.region !== '' && f.region !== HUB_REGION;
  const league = drilled ? (ctx.reference.regions.find((r) => r.code === f.region && r.level === 'league')?.code ?? null) : null;
  const up = drilled ? h('a', { href: '#', id: 'up' }, `↑ ${t('up')}`) : null;
  up?.addEventListener('click', (e) => {
    e.preventDefault();
    ctx.navigate({ region: '' });
  });
  const measure = MEASURES.includes(f.measure) ? f.measure : 'AWARD_TOTAL';
  const picker = h('select', { name: 'measure', id: 'map-measure', 'aria-label': t('measure') }, ...MEASURES.map((m) => h('option', { value: m, selected: m === measure }, t(m))));
  picker.addEventListener('change', () => ctx.navigate({ measure: picker.value }));
  const state = begin(ctx, t('map'), h('p', { class: 'map-tools no-print' }, h('label', { class: 'inline' }, t('measure'), picker), ' ', up));
  const mapCode = league ?? HUB_REGION;
  const [geo, result] = await Promise.all([
    boundaries(mapCode),
    statistics({ measures: [measure], dimensions: ['REGION'], regionLevel: league ? 'COUNTY' : 'LEAGUE', compare: true, filter: statsFilter(f) }),
  ]);
  const byCode = new Map<string, StatRow>(result.rows.filter((r) => r.region).map((r) => [r.region!, r]));
  const unit = moneyUnit(result.rows.map((r) => valueOf(r, 'AWARD_TOTAL')));
  const axis = axisUnit(measure, unit, ctx);
  const areas = geo.features.map((ft) => {
    const info = ctx.reference.regions.find((r) => r.code === ft.properties.code);
    const row = byCode.get(ft.properties.code);
    return { code: ft.properties.code, label: info ? (lang === 'zh' ? info.name : info.nameEn) : ft.properties.name, row, value: valueOf(row, measure) };
  });
  // Development zones are statistical units inside counties with no boundary of their own:
  // not on the map, but in its table, so their figures are somewhere on the page.
  const mapped = new Set(areas.map((a) => a.code));
  const unmapped = result.rows
    .filter((r) => r.region && !mapped.has(r.region) && r.region !== HUB_REGION)
    .map((r) => ({
      code: r.region!,
      // The league's own-level projects, or a development zone's (a statistical unit with no boundary).
      label: `${r.regionInfo ? (lang === 'zh' ? r.regionInfo.name : r.regionInfo.nameEn) : r.region!}${t(r.region === league ? 'leagueLevel' : 'noBoundary')}`,
      row: r,
      value: valueOf(r, measure),
    }));
  const which = comparisons(result.previousRange, result.yearAgoRange);
  const values = areas.map((a) => plotted(measure, a.value, unit)).filter((v): v is number => v !== null);
  const chartEl = chartBox('map-chart', `${t('map')}: ${t(measure)}`, 'map');
  const table: FiguresTable = {
    id: 'map-table',
    caption: `${t('map')} · ${t(measure)}`,
    columns: [{ label: t('region') }, ...which.map((w) => ({ label: w === 'value' ? t(measure) : `${t(measure)} · ${t(SERIES_KEY[w])}`, measure, unit }))],
    rows: [...areas, ...unmapped]
      .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity))
      .map((a) => ({ key: a.code, cells: [a.label, ...which.map((w) => valueOf(a.row, measure, w))] })),
  };
  state.replaceWith(chartEl);
  const chart = await drawChart(chartEl);
  const labelOf = new Map(areas.map((a) => [a.code, a.label]));
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string }) => {
        const row = byCode.get(p.name);
        const shown = (v: number | null) => (v === null ? '—' : `${plotted(measure, v, unit)}${axis ? ` ${axis}` : ''}`);
        return h(
          'div',
          { class: 'tooltip' },
          h('div', { class: 'tooltip-head' }, labelOf.get(p.name) ?? p.name),
          ...which.map((w) => h('div', { class: 'tooltip-row' }, `${t(measure)} · ${t(SERIES_KEY[w])}: `, h('b', {}, shown(valueOf(row, measure, w))))),
        );
      },
    },
    // The scale under the map, across: on a phone, a scale at the side would sit on the map.
    visualMap: {
      min: 0,
      max: Math.max(1, ...values),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      text: [axis ?? '', ''],
      inRange: { color: ['#e0ecf8', '#0b4f8a'] },
    },
    series: [
      {
        type: 'map',
        map: `r${mapCode}`,
        nameProperty: 'code',
        roam: false,
        top: 20,
        bottom: 70,
        // Dark text with a white outline reads on the palest and the darkest area alike.
        label: {
          show: chartEl.clientWidth > 600,
          formatter: (p: { name: string }) => labelOf.get(p.name) ?? p.name,
          fontSize: 12,
          color: '#111827',
          textBorderColor: '#fff',
          textBorderWidth: 2,
        },
        data: areas.map((a) => ({ name: a.code, value: plotted(measure, a.value, unit) })),
      },
    ],
  });
  const pick = (code: string) => {
    if (!league) ctx.navigate({ region: code });
    else if (PROJECT_READERS.includes(ctx.session.role)) ctx.navigate({ page: 'projects', region: code });
  };
  chart.on('click', (p) => pick(p.name));
  const built = tableWithExports(ctx, table, { chart, title: `${t('map')} · ${t(measure)}`, unit: axis });
  built.body.addEventListener('click', (e) => {
    const tr = (e.target as HTMLElement).closest('tr');
    if (tr?.dataset.key) pick(tr.dataset.key);
  });
  ctx.root.append(built.exports, built.box, h('p', { class: 'note' }, t('mapSource')), definitionsBlock(ctx, [measure]));
  document.body.dataset.ready = 'map';
}
