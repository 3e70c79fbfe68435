import { gql, type Session } from './api';
import { fill, h } from './dom';
import type { Reference } from './filters';
import type { Lang } from './format';
import { INDICATORS, indicatorName, SEVERITIES, STATUSES } from './indicators';
import { warningDetail } from './warning-detail';
import { networkGraph } from './warning-graph';
import { fmt } from './warnings-text';
import { emptyView, remitChoices, viewFromUrl, warningFilter, writeView, type WarningView } from './warnings-view';

/** What the warnings pages need: where to draw, the language, who is signed in and the reference data. */
export interface WarningsContext {
  root: HTMLElement;
  lang: Lang;
  t: (key: string) => string;
  session: Session;
  reference: Reference;
}

/** Who reviews warnings (the API's rule: admin, and supervisors within their remit). */
export const WARNING_ROLES = ['supervisor', 'admin'];

const PAGE_SIZE = 20;
const QUEUE = `query($filter: WarningFilter, $after: String) { warnings(filter: $filter, first: ${PAGE_SIZE}, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id indicator severity status summary raisedAt dueAt overdue project { code title } } } }`;

interface QueueRow {
  id: string;
  indicator: string;
  severity: string;
  status: string;
  summary: string;
  raisedAt: string;
  dueAt: string;
  overdue: boolean;
  project: { code: string; title: string } | null;
}

const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
/** An instant as the supervisors' clock shows it (China Standard Time). */
export const when = (iso: string | null) => (iso ? CHINA_TIME.format(new Date(iso)) : '—');

/** Cursors of the pages before this one, so "previous" goes back without a backwards cursor. */
let earlier: string[] = [];

/**
 * 预警: the queue with its filters, and the network of linked bidders; a warning's detail when
 * the view names one. Other roles get a message: the API would refuse them anyway.
 */
export async function warningsPage(ctx: WarningsContext): Promise<void> {
  const { root, t, session, lang } = ctx;
  if (!WARNING_ROLES.includes(session.role)) {
    fill(root, h('h2', {}, t('warnings')), h('div', { class: 'state error', id: 'forbidden', role: 'alert' }, fmt(t('forbidden'), { role: session.role })));
    document.body.dataset.ready = 'warnings-forbidden';
    return;
  }
  const { view, problems } = viewFromUrl(session, ctx.reference);
  if (problems.length) writeView(view, lang, true);
  const go = (next: WarningView) => {
    writeView(next, lang);
    void warningsPage(ctx);
  };
  const notice = problems.length
    ? h('div', { class: 'notice', id: 'filter-notice', role: 'status' }, fmt(t('unknownFilter'), { names: problems.map((p) => t(p)).join('、') }))
    : null;
  if (view.warning) return warningDetail(ctx, view, go, notice);

  const state = h('div', { class: 'state' }, t('loading'));
  const graphBox = h('section', { id: 'network' });
  const entityNote = view.entity ? h('p', { class: 'notice', id: 'entity-filter' }) : null;
  fill(root, h('h2', {}, t('queue')), notice, queueForm(ctx, view, go), entityNote, state, h('h3', {}, t('network')), graphBox);
  const graph = networkGraph(ctx, graphBox, warningFilter(view), (id) => go({ ...view, entity: id, after: '', warning: '' }));
  if (entityNote) {
    const clear = h('a', { href: '#', id: 'clear-entity' }, t('clear'));
    clear.addEventListener('click', (e) => {
      e.preventDefault();
      go({ ...view, entity: '', after: '' });
    });
    fill(entityNote, fmt(t('entityFilter'), { name: `#${view.entity}` }), ' ', clear);
    void graph.then((names) => {
      const name = names.get(view.entity);
      if (name) entityNote.firstChild!.textContent = fmt(t('entityFilter'), { name });
    });
  }
  if (!view.after) earlier = [];
  const data = await gql<{ warnings: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: QueueRow[] } }>(QUEUE, {
    filter: warningFilter(view),
    after: view.after || null,
  });
  const { nodes, totalCount, pageInfo } = data.warnings;
  if (nodes.length === 0) {
    fill(state, t('noWarnings'));
    state.id = 'empty';
  } else
    state.replaceWith(
      queueTable(ctx, nodes, (id) => go({ ...view, warning: id })),
      pager(ctx, view, totalCount, pageInfo, go),
    );
  await graph;
  document.body.dataset.ready = 'warnings';
}

function queueForm(ctx: WarningsContext, v: WarningView, go: (next: WarningView) => void): HTMLFormElement {
  const { t, lang } = ctx;
  const choices = remitChoices(ctx.session, ctx.reference);
  const name = (x: { name: string; nameEn: string }) => (lang === 'zh' ? x.name : x.nameEn);
  const option = (value: string, label: string, selected: boolean) => h('option', { value, selected }, label);
  const select = (field: string, all: string, items: Array<[string, string]>, current: string) =>
    h('label', {}, t(field), h('select', { name: field }, option('', all, false), ...items.map(([value, label]) => option(value, label, value === current))));
  const regions = choices.regions.some((r) => r.code === v.region) ? choices.regions : [...choices.regions, ...ctx.reference.regions.filter((r) => r.code === v.region)];
  const form = h(
    'form',
    { class: 'filters', id: 'warning-filters' },
    select(
      'indicator',
      t('allIndicators'),
      INDICATORS.map((i) => [i, indicatorName(i, lang)]),
      v.indicator,
    ),
    select(
      'severity',
      t('allSeverities'),
      SEVERITIES.map((s) => [s, t(s)]),
      v.severity,
    ),
    select(
      'status',
      t('allStatuses'),
      STATUSES.map((s) => [s, t(s)]),
      v.status,
    ),
    select(
      'region',
      t('allRegions'),
      regions.map((r) => [r.code, name(r)]),
      v.region,
    ),
    select(
      'category',
      t('allCategories'),
      choices.categories.map((c) => [c.code, name(c)]),
      v.category,
    ),
    h('label', {}, t('raisedFrom'), h('input', { name: 'raisedFrom', type: 'date', value: v.raisedFrom })),
    h('label', {}, t('raisedTo'), h('input', { name: 'raisedTo', type: 'date', value: v.raisedTo })),
    h('label', { class: 'check' }, h('input', { name: 'overdue', type: 'checkbox', checked: v.overdue }), t('overdueOnly')),
    h('button', { type: 'submit' }, t('apply')),
    h('button', { type: 'reset', id: 'reset-filters' }, t('reset')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const field = (k: string) => String(data.get(k) ?? '');
    go({
      ...emptyView(),
      indicator: field('indicator'),
      severity: field('severity'),
      status: field('status'),
      region: field('region'),
      category: field('category'),
      raisedFrom: field('raisedFrom'),
      raisedTo: field('raisedTo'),
      overdue: data.get('overdue') !== null,
      entity: v.entity,
    });
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    go(emptyView());
  });
  return form;
}

function queueTable(ctx: WarningsContext, rows: QueueRow[], open: (id: string) => void): HTMLTableElement {
  const { t, lang } = ctx;
  const columns = ['indicator', 'severity', 'project', 'summary', 'status', 'raisedAt', 'dueAt'];
  const body = rows.map((r) =>
    h(
      'tr',
      { 'data-key': r.id, 'data-status': r.status, class: r.overdue ? 'overdue' : null },
      h('td', { class: 'text' }, indicatorName(r.indicator, lang)),
      h('td', { class: `severity-${r.severity}` }, t(r.severity)),
      h('td', { class: 'text' }, r.project ? `${r.project.title}（${r.project.code}）` : '—'),
      h('td', { class: 'text' }, r.summary),
      h('td', { 'data-status': r.status }, t(r.status)),
      h('td', {}, when(r.raisedAt)),
      h('td', { class: r.overdue ? 'due overdue' : 'due' }, when(r.dueAt), r.overdue ? `（${t('overdue')}）` : null),
    ),
  );
  const table = h('table', { id: 'warnings-table', class: 'queue' }, h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', {}, t(c))))), h('tbody', {}, ...body));
  table.addEventListener('click', (e) => {
    const tr = (e.target as HTMLElement).closest('tr');
    if (tr?.dataset.key) open(tr.dataset.key);
  });
  return table;
}

function pager(ctx: WarningsContext, v: WarningView, total: number, pageInfo: { hasNextPage: boolean; endCursor: string | null }, go: (next: WarningView) => void) {
  const { t } = ctx;
  const prev = h('button', { type: 'button', id: 'prev-page', disabled: !v.after }, t('prev'));
  const next = h('button', { type: 'button', id: 'next-page', disabled: !pageInfo.hasNextPage }, t('next'));
  prev.addEventListener('click', () => go({ ...v, after: earlier.pop() ?? '' }));
  next.addEventListener('click', () => {
    earlier.push(v.after);
    go({ ...v, after: pageInfo.endCursor ?? '' });
  });
  return h('p', { class: 'pager' }, h('span', { id: 'warnings-total', 'data-total': total }, fmt(t('total'), { n: total })), ' ', prev, ' ', next);
}
