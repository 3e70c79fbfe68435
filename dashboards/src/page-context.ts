import type { Session } from './api';
import type { ECharts } from './charts';
import { definition } from './definitions';
import { h } from './dom';
import { chartPng, downloadUrl, saveCsv, type ExportMeta } from './export';
import type { Filters, Reference } from './filters';
import { change, figure, type Lang } from './format';
import { figuresTable, type FiguresTable } from './table';

/** Everything a statistics page needs: where to draw, the filters, who is asking, and how to move. */
export interface PageContext {
  root: HTMLElement;
  filters: Filters;
  lang: Lang;
  t: (key: string) => string;
  navigate: (changes: Record<string, string>) => void;
  session: Session;
  reference: Reference;
  /** What exports say about themselves (period, scope, freshness). */
  meta: ExportMeta;
  /** Every table on the page, for the whole-page CSV. */
  tables: FiguresTable[];
}

export { PROJECT_READERS } from './scope';

/** A page's heading and its loading state; the state element is replaced by the content. */
export function begin(ctx: PageContext, title: string, ...extra: Array<Node | null>): HTMLElement {
  // The charts library comes while the page's figures are asked for, not before (charts()).
  void charts();
  const state = h('div', { class: 'state', role: 'status' }, ctx.t('loading'));
  ctx.root.replaceChildren(h('h2', {}, title), ...extra.filter((x): x is Node => x !== null), state);
  return state;
}

/** A headline figure with its definition at hand (title and a screen reader's description). */
export function card(ctx: PageContext, measure: string, value: number | null, opts: { previous?: number | null; yearAgo?: number | null; href?: string } = {}) {
  const { lang, t } = ctx;
  const def = definition(lang, measure);
  const label = opts.href ? h('a', { href: opts.href, class: 'drill', 'data-drill': measure }, t(measure)) : h('span', {}, t(measure));
  const compare =
    opts.previous !== undefined || opts.yearAgo !== undefined
      ? h(
          'div',
          { class: 'change' },
          `${t('previous')} ${change(measure, value, opts.previous ?? null, lang)} · ${t('yearAgo')} ${change(measure, value, opts.yearAgo ?? null, lang)}`,
        )
      : null;
  return h(
    'div',
    { class: 'card', 'data-measure': measure, title: def },
    h('div', { class: 'label' }, label),
    h('div', { class: 'value', 'data-value': value ?? '' }, figure(measure, value, lang)),
    compare,
    h('div', { class: 'definition' }, def),
  );
}

/** A chart's box, labelled for screen readers (the table beside it carries the numbers). */
export function chartBox(id: string, label: string, extraClass = ''): HTMLElement {
  return h('div', { class: `chart ${extraClass}`.trim(), id, role: 'img', 'aria-label': label });
}

export async function drawChart(el: HTMLElement, dark = false): Promise<ECharts> {
  const { chartIn } = await charts();
  return chartIn(el, dark ? 'dark' : undefined);
}

/**
 * ECharts, loaded on first use: two thirds of the pages' code, and the longest part of a
 * first visit to compile. A page asks for its figures first and draws when they come, so the
 * library downloads and compiles while the hub answers instead of before the page asks.
 */
const charts = () => import('./charts');

/**
 * Under a chart or table: CSV of the table (BOM, Chinese headers, formatted values) and PNG of
 * the chart (title, unit, period, scope and source drawn on it). The table is registered for
 * the whole-page CSV.
 */
export function exportRow(ctx: PageContext, table: FiguresTable, chart?: { chart: ECharts; title: string; unit: string | null }): HTMLElement {
  ctx.tables.push(table);
  const csv = h('button', { type: 'button', class: 'csv', 'data-table': table.id }, ctx.t('csv'));
  csv.addEventListener('click', () => saveCsv([table], ctx.meta, table.id));
  const png = chart ? h('button', { type: 'button', class: 'png', 'data-table': table.id }, ctx.t('png')) : null;
  png?.addEventListener('click', () => downloadUrl(chartPng(chart!.chart, chart!.title, chart!.unit, ctx.meta), `${table.id}.png`));
  return h('p', { class: 'exports no-print' }, csv, png ? ' ' : null, png);
}

/** A table with its exports under it. */
export function tableWithExports(ctx: PageContext, table: FiguresTable, chart?: { chart: ECharts; title: string; unit: string | null }, sortable = false) {
  const built = figuresTable(table, ctx.lang, { sortable });
  return { ...built, exports: exportRow(ctx, table, chart) };
}

/** The definitions of the measures on the page, folded under the content. */
export function definitionsBlock(ctx: PageContext, measures: string[]): HTMLElement {
  return h(
    'details',
    { class: 'definitions', id: 'definitions' },
    h('summary', {}, ctx.t('definitions')),
    h('dl', {}, ...measures.flatMap((m) => [h('dt', {}, ctx.t(m)), h('dd', {}, definition(ctx.lang, m))])),
  );
}
