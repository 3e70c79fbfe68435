import * as echarts from 'echarts';
import { ApiError, currentSession, gql, signIn, signOut, type Session } from './api';
import { chartTools, periodLabel } from './chart-tools';
import { fill, h, joined } from './dom';
import { checkFilters, filtersFromUrl, GRANULARITIES, statsFilter, writeUrl, type Filters, type Reference } from './filters';
import { figure, TEXT, type Lang } from './format';
import { card, categoriesPage, creditPage, regionsPage, type PageContext } from './pages';
import { qualityPage, rankingsPage } from './pages-platforms';
import { WARNING_ROLES, warningsPage } from './pages-warnings';
import { textTooltip } from './tooltip';
import { WARNING_TEXT } from './warnings-text';

const PAGES: Record<string, ((ctx: PageContext) => Promise<void>) | null> = {
  overview: null,
  regions: regionsPage,
  categories: categoriesPage,
  credit: creditPage,
  quality: qualityPage,
  rankings: rankingsPage,
};

const HEADLINE = ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE', 'COMPLAINTS_PER_100_PROJECTS'];
const app = document.querySelector<HTMLElement>('#app')!;
let lang: Lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
const t = (k: string) => TEXT[lang][k] ?? WARNING_TEXT[lang][k] ?? k;
/** The statistics pages, and the supervisors' warnings page (its own filters, in its own URL fields). */
const PAGE_NAMES = [...Object.keys(PAGES), 'warnings'];
const urlFilters = () => filtersFromUrl(PAGE_NAMES);
let session: Session | null = null;
/** Regions and categories change only with a release: loaded once per page load. */
let reference: Promise<Reference> | null = null;

function showSignIn(message = '') {
  document.querySelector<HTMLElement>('#user')!.hidden = true;
  const form = h(
    'form',
    { class: 'sign-in', id: 'sign-in' },
    h('label', {}, t('key'), h('input', { name: 'key', type: 'password', autocomplete: 'off', size: 48, required: true })),
    h('button', { type: 'submit' }, t('signIn')),
    // The server's message (a bad key, too many attempts) is shown as text, whatever it says.
    h('p', { class: 'error', id: 'sign-in-error', role: 'alert' }, message),
  );
  fill(app, form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = String(new FormData(form).get('key') ?? '');
    try {
      start(await signIn(key));
    } catch (error) {
      showSignIn(error instanceof Error ? error.message : String(error));
    }
  });
}

function start(signedIn: Session) {
  session = signedIn;
  document.querySelector<HTMLElement>('#user')!.hidden = false;
  document.querySelector('#who')!.textContent = `${signedIn.name} (${signedIn.role})`;
  void render(urlFilters());
}

/** An error in place of the content: sign-in again when the session ended, else the message as text. */
function showFailure(error: unknown, where: HTMLElement) {
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return showSignIn(error.message);
  fill(where, h('div', { class: 'state error', id: 'failed', role: 'alert' }, error instanceof Error ? error.message : String(error)));
}

function filterForm(f: Filters, ref: Reference, go: (next: Filters) => void): HTMLFormElement {
  const name = (x: { name: string; nameEn: string }) => (lang === 'zh' ? x.name : x.nameEn);
  const option = (value: string, label: string, selected: boolean) => h('option', { value, selected }, label);
  const regions = ref.regions.filter((r) => r.level === 'league' || r.code === f.region);
  const form = h(
    'form',
    { class: 'filters', id: 'filters' },
    h('label', {}, t('from'), h('input', { name: 'from', type: 'date', required: true })),
    h('label', {}, t('to'), h('input', { name: 'to', type: 'date', required: true })),
    h('label', {}, t('region'), h('select', { name: 'region' }, option('', t('all'), false), ...regions.map((r) => option(r.code, name(r), r.code === f.region)))),
    h(
      'label',
      {},
      t('category'),
      h('select', { name: 'category' }, option('', t('allCategories'), false), ...ref.categories.map((c) => option(c.code, name(c), c.code === f.category))),
    ),
    h('label', {}, t('granularity'), h('select', { name: 'granularity' }, ...GRANULARITIES.map((g) => option(g, t(g), g === f.granularity)))),
    h('button', { type: 'submit' }, t('apply')),
  );
  form.querySelector<HTMLInputElement>('input[name=from]')!.value = f.from;
  form.querySelector<HTMLInputElement>('input[name=to]')!.value = f.to;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const field = (k: string) => String(data.get(k) ?? '');
    go({ ...f, from: field('from'), to: field('to'), region: field('region'), category: field('category'), granularity: field('granularity') });
  });
  return form;
}

async function render(fromUrl: Filters) {
  let ref: Reference;
  try {
    // The dashboards are about the hub's own region (150000); the rest of China is there for
    // where entities are registered, and a region of it in a link falls back to the whole.
    reference ??= gql<Reference>('{ regions(within: "150000") { code name nameEn level parentCode } categories { code name nameEn } }');
    ref = await reference;
  } catch (error) {
    reference = null;
    return showFailure(error, app);
  }
  // The warnings page keeps and checks its own filters; the statistics filters do not apply.
  const warnings = fromUrl.page === 'warnings';
  // A shared link may carry anything: unknown values are reset and named, as text.
  const { filters: f, problems } = warnings ? { filters: fromUrl, problems: [] } : checkFilters(fromUrl, ref, lang);
  if (problems.length) writeUrl(f, lang, true);
  const go = (next: Filters) => {
    writeUrl(next, lang);
    void render(next);
  };
  // Only the roles that review warnings see the page in the menu; a link to it explains itself.
  const menu = PAGE_NAMES.filter((p) => p !== 'warnings' || WARNING_ROLES.includes(session?.role ?? ''));
  const links = menu.map((p) => {
    const a = h('a', { href: `?page=${p}`, 'data-page': p, 'aria-current': p === f.page ? 'page' : null }, t(p));
    a.addEventListener('click', (e) => {
      e.preventDefault();
      go({ ...f, page: p });
    });
    return a;
  });
  const content = h('div', { id: 'content' }, h('div', { class: 'state' }, t('loading')));
  const notice = problems.length ? h('div', { class: 'notice', id: 'filter-notice', role: 'status' }, problems.join('\n')) : null;
  fill(app, h('nav', { class: 'pages' }, ...joined(links, ' · ')), notice, warnings ? null : filterForm(f, ref, go), content);
  try {
    const page = PAGES[f.page];
    if (warnings) await warningsPage({ root: content, lang, t, session: session!, reference: ref });
    else if (page) await page({ root: content, filters: f, lang, t, navigate: (changes) => go({ ...f, ...changes }) });
    else await overview(f, content);
  } catch (error) {
    showFailure(error, content);
  }
}

interface Row {
  period: string | null;
  values: Array<{
    measure: string;
    value: number | null;
    previous: number | null;
    yearAgo: number | null;
    relativeChangeFromPrevious: number | null;
    relativeChangeFromYearAgo: number | null;
  }>;
}

async function overview(f: Filters, content: HTMLElement) {
  content.before(h('h2', {}, t('overview')));
  const filter = statsFilter(f);
  const q = `query($input: StatisticsInput!) { statistics(input: $input) { rows { period values { measure value previous yearAgo relativeChangeFromPrevious relativeChangeFromYearAgo } } } }`;
  const [headline, trend] = await Promise.all([
    gql<{ statistics: { rows: Row[] } }>(q, { input: { measures: HEADLINE, compare: true, filter } }),
    gql<{ statistics: { rows: Row[] } }>(q, { input: { measures: ['PROJECTS', 'AWARD_TOTAL'], dimensions: ['PERIOD'], granularity: f.granularity, filter } }),
  ]);
  const values = headline.statistics.rows[0]?.values ?? [];
  if (values.length === 0 || values.find((v) => v.measure === 'PROJECTS')?.value === 0) {
    fill(content, h('div', { class: 'state', id: 'empty' }, t('empty')));
    return;
  }
  const change = (r: number | null) => (r === null ? '—' : `${r >= 0 ? '+' : ''}${(r * 100).toFixed(1)}%`);
  const chartEl = h('div', { class: 'chart', id: 'trend-chart' });
  fill(
    content,
    h(
      'div',
      { class: 'cards' },
      ...values.map((v) =>
        card(
          v.measure,
          v.value,
          lang,
          t,
          h('div', { class: 'change' }, `${t('previous')} ${change(v.relativeChangeFromPrevious)} · ${t('yearAgo')} ${change(v.relativeChangeFromYearAgo)}`),
        ),
      ),
    ),
    h('h3', {}, t('trend')),
    chartEl,
  );
  const rows = [...trend.statistics.rows].sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
  const months = rows.map((r) => periodLabel(r.period!, f.granularity, lang));
  const series = (m: string) => rows.map((r) => r.values.find((v) => v.measure === m)?.value ?? 0);
  const chart = echarts.init(chartEl);
  chart.setOption({
    animation: false,
    tooltip: textTooltip(),
    legend: { data: [t('PROJECTS'), t('AWARD_TOTAL')] },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: t('PROJECTS') },
      { type: 'value', name: lang === 'zh' ? '亿元' : '100M yuan' },
    ],
    series: [
      { name: t('PROJECTS'), type: 'bar', data: series('PROJECTS') },
      { name: t('AWARD_TOTAL'), type: 'line', yAxisIndex: 1, data: series('AWARD_TOTAL').map((v) => Math.round(v / 1e6) / 100) },
    ],
  });
  const trendMeasures = ['PROJECTS', 'AWARD_TOTAL'];
  chartTools(
    content,
    chart,
    t,
    ['', ...trendMeasures.map(t)],
    months.map((m, i) => [m, ...trendMeasures.map((x) => series(x)[i]!)]),
    'trend',
    {
      tableId: 'trend-table',
      display: (v, column) => figure(trendMeasures[column - 1]!, Number(v), lang),
    },
  );
  document.body.dataset.ready = 'overview';
}

document.querySelector('#sign-out')!.addEventListener('click', async () => {
  await signOut();
  showSignIn();
});
document.querySelector('#lang')!.addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  writeUrl(urlFilters(), lang);
  location.reload();
});
window.addEventListener('popstate', () => void render(urlFilters()));

const existing = await currentSession();
if (existing) start(existing);
else showSignIn();
