import { chartIn } from './charts';
import { gql } from './api';
import { fill, h } from './dom';
import { linkColor, linkKind } from './indicators';
import type { WarningsContext } from './pages-warnings';
import { fmt } from './warnings-text';

const NETWORK = `query($filter: WarningFilter) { warningNetwork(filter: $filter) {
  totalNodes truncated nodes { id name kind degree warnings } edges { source target kind warnings } } }`;

interface Network {
  totalNodes: number;
  truncated: boolean;
  nodes: Array<{ id: string; name: string; kind: string; degree: number; warnings: number }>;
  edges: Array<{ source: string; target: string; kind: string; warnings: number }>;
}

/** Node colours by entity kind, apart from the link colours. */
const NODE_COLORS: Record<string, string> = { organisation: '#475569', person: '#db2777' };

/** A tooltip line built from text (the CSP forbids ECharts' HTML strings with inline styles). */
const line = (label: string, value: string | number) => h('div', { class: 'tooltip-row' }, `${label}: `, h('b', {}, String(value)));

/**
 * The bidders the filtered warnings link (ECharts graph, force layout): a node per entity,
 * sized by how many others it is linked to, a link per pair and kind, coloured by kind.
 * A click on a node calls `pick` with the entity's id. Resolves to the entities' names by id.
 */
export async function networkGraph(ctx: WarningsContext, box: HTMLElement, filter: Record<string, unknown>, pick: (entityId: string) => void): Promise<Map<string, string>> {
  const { t, lang } = ctx;
  fill(box, h('div', { class: 'state' }, t('loading')));
  const { warningNetwork: net } = await gql<{ warningNetwork: Network }>(NETWORK, { filter });
  const names = new Map(net.nodes.map((n) => [n.id, n.name]));
  if (net.nodes.length === 0) {
    fill(box, h('div', { class: 'state', id: 'network-empty' }, t('networkEmpty')));
    return names;
  }
  const chartEl = h('div', { class: 'chart graph', id: 'network-chart' });
  const kinds = [...new Set(net.edges.map((e) => e.kind))];
  const legend = h(
    'p',
    { class: 'link-legend' },
    ...kinds.map((k) => {
      const swatch = h('span', { class: 'swatch' });
      swatch.style.backgroundColor = linkColor(k);
      return h('span', { class: 'legend-item', 'data-kind': k }, swatch, linkKind(k, lang));
    }),
  );
  fill(
    box,
    h('p', { class: 'note' }, t('networkNote')),
    net.truncated ? h('p', { class: 'notice', id: 'network-truncated' }, fmt(t('truncated'), { n: net.nodes.length, total: net.totalNodes })) : null,
    legend,
    chartEl,
  );
  const categories = ['organisation', 'person'];
  const maxDegree = Math.max(...net.nodes.map((n) => n.degree), 1);
  const chart = chartIn(chartEl);
  chart.setOption({
    animation: false,
    legend: { data: categories.map(t), top: 0, left: 0 },
    tooltip: {
      trigger: 'item',
      formatter: (p: { dataType?: string; data?: unknown }) => {
        if (p.dataType === 'edge') {
          const e = p.data as { source: string; target: string; kind: string; warnings: number };
          return h('div', { class: 'tooltip' }, h('div', { class: 'tooltip-head' }, `${names.get(e.source)} — ${names.get(e.target)}`), line(linkKind(e.kind, lang), e.warnings));
        }
        const n = p.data as { name: string; degree: number; warnings: number };
        return h('div', { class: 'tooltip' }, h('div', { class: 'tooltip-head' }, n.name), line(t('degree'), n.degree), line(t('warningCount'), n.warnings));
      },
    },
    series: [
      {
        type: 'graph',
        layout: 'force',
        force: { repulsion: 160, edgeLength: [40, 120], gravity: 0.08, layoutAnimation: false },
        roam: true,
        draggable: true,
        categories: categories.map((c) => ({ name: t(c), itemStyle: { color: NODE_COLORS[c] } })),
        label: { show: net.nodes.length <= 60, position: 'right', fontSize: 11 },
        emphasis: { focus: 'adjacency' },
        data: net.nodes.map((n) => ({
          id: n.id,
          name: n.name,
          degree: n.degree,
          warnings: n.warnings,
          category: Math.max(categories.indexOf(n.kind), 0),
          symbolSize: 10 + 24 * Math.sqrt(n.degree / maxDegree),
        })),
        links: net.edges.map((e) => ({
          source: e.source,
          target: e.target,
          kind: e.kind,
          warnings: e.warnings,
          lineStyle: { color: linkColor(e.kind), width: Math.min(1 + e.warnings, 6), opacity: 0.8 },
        })),
      },
    ],
  });
  chart.on('click', (p) => {
    if (p.dataType === 'node') pick((p.data as { id: string }).id);
  });
  // The graph read as a table too, most connected first; a row picks its entity as a node does.
  const table = h(
    'table',
    { class: 'chart-table', id: 'network-table' },
    h('thead', {}, h('tr', {}, ...['name', 'kind', 'degree', 'warningCount'].map((k) => h('th', {}, t(k))))),
    h(
      'tbody',
      {},
      ...net.nodes.map((n) => h('tr', { 'data-key': n.id }, h('td', { class: 'text' }, n.name), h('td', {}, t(n.kind)), h('td', {}, n.degree), h('td', {}, n.warnings))),
    ),
  );
  table.addEventListener('click', (e) => {
    const tr = (e.target as HTMLElement).closest('tr');
    if (tr?.dataset.key) pick(tr.dataset.key);
  });
  box.append(table);
  // What the chart holds, read back from its own option, for people checking it and for tests.
  const drawn = chart.getOption() as { series: Array<{ data: unknown[]; links: unknown[] }> };
  chartEl.dataset.nodes = String(drawn.series[0]!.data.length);
  chartEl.dataset.links = String(drawn.series[0]!.links.length);
  return names;
}
