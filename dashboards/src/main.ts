import * as echarts from 'echarts';
import { ApiError, currentSession, gql, signIn, signOut, type Session } from './api';
import { figure, TEXT, type Lang } from './format';
import { categoriesPage, chartTools, creditPage, periodLabel, qualityPage, rankingsPage, regionsPage, statsFilter, type Filters, type PageContext } from './pages';

const PAGES: Record<string, ((ctx: PageContext) => Promise<void>) | null> = {
  overview: null, regions: regionsPage, categories: categoriesPage, credit: creditPage, quality: qualityPage, rankings: rankingsPage,
};

const HEADLINE = ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE', 'COMPLAINTS_PER_100_PROJECTS'];
const app = document.querySelector<HTMLElement>('#app')!;
let lang: Lang = (new URLSearchParams(location.search).get('lang') as Lang) === 'en' ? 'en' : 'zh';
const t = (k: string) => TEXT[lang][k] ?? k;


/** Filters live in the URL, so a copied link reproduces the view. */
function filtersFromUrl(): Filters {
  const q = new URLSearchParams(location.search);
  const year = new Date().getFullYear() - 1;
  const page = q.get('page') ?? 'overview';
  const granularity = q.get('granularity') ?? 'MONTH';
  return {
    from: q.get('from') ?? `${year}-01-01`,
    to: q.get('to') ?? `${year}-12-31`,
    region: q.get('region') ?? '',
    category: q.get('category') ?? '',
    granularity: ['MONTH', 'QUARTER', 'YEAR'].includes(granularity) ? granularity : 'MONTH',
    page: page in PAGES ? page : 'overview',
  };
}

function writeUrl(f: Filters) {
  const q = new URLSearchParams({
    page: f.page, from: f.from, to: f.to, ...(f.region ? { region: f.region } : {}), ...(f.category ? { category: f.category } : {}),
    ...(f.granularity !== 'MONTH' ? { granularity: f.granularity } : {}), ...(lang === 'en' ? { lang } : {}),
  });
  history.pushState(null, '', `${location.pathname}?${q}`);
}

function showSignIn(message = '') {
  document.querySelector<HTMLElement>('#user')!.hidden = true;
  app.innerHTML = `
    <form class="sign-in" id="sign-in">
      <label>${t('key')}<input name="key" type="password" autocomplete="off" size="48" required /></label>
      <button type="submit">${t('signIn')}</button>
      <p class="error" id="sign-in-error" role="alert">${message}</p>
    </form>`;
  document.querySelector<HTMLFormElement>('#sign-in')!.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = new FormData(event.target as HTMLFormElement).get('key') as string;
    try {
      start(await signIn(key));
    } catch (error) {
      showSignIn(error instanceof Error ? error.message : String(error));
    }
  });
}

function start(session: Session) {
  const user = document.querySelector<HTMLElement>('#user')!;
  user.hidden = false;
  document.querySelector('#who')!.textContent = `${session.name} (${session.role})`;
  void renderOverview(filtersFromUrl());
}

interface Row {
  period: string | null;
  values: Array<{ measure: string; value: number | null; previous: number | null; yearAgo: number | null; relativeChangeFromPrevious: number | null; relativeChangeFromYearAgo: number | null }>;
}

async function renderOverview(f: Filters) {
  app.innerHTML = `
    <nav class="pages">${Object.keys(PAGES).map((p) => `<a href="?page=${p}" data-page="${p}" ${p === f.page ? 'aria-current="page"' : ''}>${t(p)}</a>`).join(' · ')}</nav>
    <form class="filters" id="filters">
      <label>${t('from')}<input name="from" type="date" value="${f.from}" required /></label>
      <label>${t('to')}<input name="to" type="date" value="${f.to}" required /></label>
      <label>${t('region')}<select name="region"><option value="">${t('all')}</option></select></label>
      <label>${t('category')}<select name="category"><option value="">${t('allCategories')}</option></select></label>
      <label>${t('granularity')}<select name="granularity">${['MONTH', 'QUARTER', 'YEAR'].map((g) => `<option value="${g}" ${g === f.granularity ? 'selected' : ''}>${t(g)}</option>`).join('')}</select></label>
      <button type="submit">${t('apply')}</button>
    </form>
    <div id="content"><div class="state">${t('loading')}</div></div>`;
  const form = document.querySelector<HTMLFormElement>('#filters')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = { ...f, from: String(data.get('from')), to: String(data.get('to')), region: String(data.get('region')), category: String(data.get('category')), granularity: String(data.get('granularity')) };
    writeUrl(next);
    void renderOverview(next);
  });
  const navigate = (changes: Record<string, string>) => {
    const next = { ...f, ...changes };
    writeUrl(next);
    void renderOverview(next);
  };
  app.querySelectorAll<HTMLAnchorElement>('nav.pages a').forEach((a) =>
    a.addEventListener('click', (e) => {
      e.preventDefault();
      navigate({ page: a.dataset.page! });
    }),
  );
  const content = document.querySelector<HTMLElement>('#content')!;
  try {
    const reference = await gql<{ regions: Array<{ code: string; name: string; nameEn: string; level: string }>; categories: Array<{ code: string; name: string; nameEn: string }> }>(
      '{ regions { code name nameEn level } categories { code name nameEn } }',
    );
    const regions = reference;
    const categorySelect = form.querySelector<HTMLSelectElement>('select[name=category]')!;
    for (const c of reference.categories) {
      categorySelect.insertAdjacentHTML('beforeend', `<option value="${c.code}" ${c.code === f.category ? 'selected' : ''}>${lang === 'zh' ? c.name : c.nameEn}</option>`);
    }
    const select = form.querySelector('select')!;
    for (const r of regions.regions.filter((x) => x.level === 'league')) {
      select.insertAdjacentHTML('beforeend', `<option value="${r.code}" ${r.code === f.region ? 'selected' : ''}>${lang === 'zh' ? r.name : r.nameEn}</option>`);
    }
    const page = PAGES[f.page];
    if (page) {
      await page({ root: content, filters: f, lang, t, navigate });
      return;
    }
    content.insertAdjacentHTML('beforebegin', `<h2>${t('overview')}</h2>`);
    const filter = statsFilter(f);
    const q = `query($input: StatisticsInput!) { statistics(input: $input) { rows { period values { measure value previous yearAgo relativeChangeFromPrevious relativeChangeFromYearAgo } } } }`;
    const [headline, trend] = await Promise.all([
      gql<{ statistics: { rows: Row[] } }>(q, { input: { measures: HEADLINE, compare: true, filter } }),
      gql<{ statistics: { rows: Row[] } }>(q, { input: { measures: ['PROJECTS', 'AWARD_TOTAL'], dimensions: ['PERIOD'], granularity: f.granularity, filter } }),
    ]);
    const values = headline.statistics.rows[0]?.values ?? [];
    if (values.length === 0 || values.find((v) => v.measure === 'PROJECTS')?.value === 0) {
      content.innerHTML = `<div class="state" id="empty">${t('empty')}</div>`;
      return;
    }
    const change = (r: number | null) => (r === null ? '—' : `${r >= 0 ? '+' : ''}${(r * 100).toFixed(1)}%`);
    content.innerHTML = `
      <div class="cards">${values
        .map(
          (v) => `<div class="card" data-measure="${v.measure}"><div>${t(v.measure)}</div><div class="value" data-value="${v.value ?? ''}">${figure(v.measure, v.value, lang)}</div>
            <div class="change">${t('previous')} ${change(v.relativeChangeFromPrevious)} · ${t('yearAgo')} ${change(v.relativeChangeFromYearAgo)}</div></div>`,
        )
        .join('')}</div>
      <h3>${t('trend')}</h3>
      <div class="chart" id="trend-chart"></div>`;
    const rows = [...trend.statistics.rows].sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
    const months = rows.map((r) => periodLabel(r.period!, f.granularity, lang));
    const series = (m: string) => rows.map((r) => r.values.find((v) => v.measure === m)?.value ?? 0);
    const chart = echarts.init(document.querySelector<HTMLElement>('#trend-chart')!);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [t('PROJECTS'), t('AWARD_TOTAL')] },
      xAxis: { type: 'category', data: months },
      yAxis: [{ type: 'value', name: t('PROJECTS') }, { type: 'value', name: lang === 'zh' ? '亿元' : '100M yuan' }],
      series: [
        { name: t('PROJECTS'), type: 'bar', data: series('PROJECTS') },
        { name: t('AWARD_TOTAL'), type: 'line', yAxisIndex: 1, data: series('AWARD_TOTAL').map((v) => Math.round(v / 1e6) / 100) },
      ],
    });
    const trendMeasures = ['PROJECTS', 'AWARD_TOTAL'];
    chartTools(content, chart, t, ['', ...trendMeasures.map(t)], months.map((m, i) => [m, ...trendMeasures.map((x) => series(x)[i]!)]), 'trend', {
      tableId: 'trend-table',
      display: (v, column) => figure(trendMeasures[column - 1]!, Number(v), lang),
    });
    document.body.dataset.ready = 'overview';
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return showSignIn(error.message);
    content.innerHTML = `<div class="state error" id="failed">${error instanceof Error ? error.message : String(error)}</div>`;
  }
}

document.querySelector('#sign-out')!.addEventListener('click', async () => {
  await signOut();
  showSignIn();
});
document.querySelector('#lang')!.addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  writeUrl(filtersFromUrl());
  location.reload();
});
window.addEventListener('popstate', () => void renderOverview(filtersFromUrl()));

const session = await currentSession();
if (session) start(session);
else showSignIn();
