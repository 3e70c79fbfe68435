import { ApiError, currentSession, signIn, signOut, type Session } from './api';
import { disposeDetached } from './chart-registry';
import { fill, h, joined } from './dom';
import { errorBox } from './errors';
import { saveCsv } from './export';
import { checkFilters, filtersFromUrl, GRANULARITIES, writeUrl, type Filters, type Reference } from './filters';
import { TEXT, type Lang } from './format';
import { gql } from './api';
import type { PageContext } from './page-context';
import { dataAsOf, filterScope, PROJECT_READERS, remitCategories, remitRegions, scopeWords } from './scope';
import { WARNING_TEXT } from './warnings-text';

/**
 * Each page is its own chunk, loaded when first shown: the overview does not pay for the
 * map's boundaries, the wall display or the supervisors' warning graph.
 */
const PAGES: Record<string, () => Promise<(ctx: PageContext) => Promise<void>>> = {
  overview: async () => (await import('./page-overview')).overviewPage,
  regions: async () => (await import('./pages')).regionsPage,
  map: async () => (await import('./page-map')).mapPage,
  categories: async () => (await import('./pages')).categoriesPage,
  credit: async () => (await import('./pages')).creditPage,
  quality: async () => (await import('./pages-platforms')).qualityPage,
  rankings: async () => (await import('./pages-platforms')).rankingsPage,
  projects: async () => (await import('./page-projects')).projectsPage,
};
/** Pages with their own filters and layout. */
const OWN_PAGES = ['warnings', 'screen'];

const app = document.querySelector<HTMLElement>('#app')!;
let lang: Lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
const t = (k: string) => TEXT[lang][k] ?? WARNING_TEXT[lang][k] ?? k;
const PAGE_NAMES = [...Object.keys(PAGES), ...OWN_PAGES];
const urlFilters = () => filtersFromUrl(PAGE_NAMES);
let session: Session | null = null;
/** Regions and categories change only with a release: loaded once per page load. */
let reference: Promise<Reference> | null = null;
const REFERENCE_QUERY = '{ regions(within: "150000") { code name nameEn level parentCode } categories { code name nameEn } }';

/** The page's fixed words (title, header buttons, language) in the chosen language. */
function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
}

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

/** An error in place of the content: sign-in again when the session ended, else the user's message. */
function showFailure(error: unknown, where: HTMLElement, retry?: () => void) {
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return showSignIn(t('sessionEnded'));
  fill(where, errorBox(error, lang, retry));
  document.body.dataset.ready = 'failed';
}

function filterForm(f: Filters, ref: Reference, go: (next: Filters) => void): HTMLFormElement {
  const name = (x: { name: string; nameEn: string }) => (lang === 'zh' ? x.name : x.nameEn);
  const option = (value: string, label: string, selected: boolean) => h('option', { value, selected }, label);
  const words = scopeWords(session!, ref, lang);
  // The menus offer what the key may see: a supervisor's remit, not every league.
  const remit = remitRegions(session!, ref);
  const regions = remit ?? ref.regions.filter((r) => r.level === 'league' || r.code === f.region);
  const categories = remitCategories(session!, ref) ?? ref.categories;
  const form = h(
    'form',
    { class: 'filters no-print', id: 'filters' },
    h('label', {}, t('from'), h('input', { name: 'from', type: 'date', required: true })),
    h('label', {}, t('to'), h('input', { name: 'to', type: 'date', required: true })),
    h('label', {}, t('region'), h('select', { name: 'region' }, option('', words.allRegions, false), ...regions.map((r) => option(r.code, name(r), r.code === f.region)))),
    h(
      'label',
      {},
      t('category'),
      h('select', { name: 'category' }, option('', words.allCategories, false), ...categories.map((c) => option(c.code, name(c), c.code === f.category))),
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

/** Print and whole-page CSV, and the way to the wall display. */
function pageTools(ctx: PageContext): HTMLElement {
  const print = h('button', { type: 'button', id: 'print' }, t('print'));
  print.addEventListener('click', () => window.print());
  const all = h('button', { type: 'button', id: 'page-csv' }, t('pageCsv'));
  all.addEventListener('click', () => saveCsv(ctx.tables, ctx.meta, `${ctx.filters.page}-${ctx.filters.from}-${ctx.filters.to}`));
  const screen = h('a', { href: `?page=screen${lang === 'en' ? '&lang=en' : ''}`, id: 'screen-link' }, t('screen'));
  return h('div', { class: 'page-tools no-print' }, print, ' ', all, ' ', screen);
}

async function render(fromUrl: Filters) {
  // Until this view is drawn, nothing says "ready" (a test, or a wall display's watcher, waits on it).
  delete document.body.dataset.ready;
  document.body.classList.remove('screen');
  let ref: Reference;
  try {
    // The dashboards are about the hub's own region (150000); the rest of China is there for
    // where entities are registered, and a region of it in a link falls back to the whole.
    reference ??= gql<Reference>(REFERENCE_QUERY);
    ref = await reference;
  } catch (error) {
    reference = null;
    return showFailure(error, app, () => void render(fromUrl));
  }
  const own = OWN_PAGES.includes(fromUrl.page);
  // A shared link may carry anything: unknown values are reset and named, as text.
  const { filters: f, problems } = own ? { filters: fromUrl, problems: [] } : checkFilters(fromUrl, ref, lang);
  if (problems.length) writeUrl(f, lang, true);
  const go = (next: Filters) => {
    writeUrl(next, lang);
    void render(next);
  };
  if (f.page === 'screen') {
    const { screenPage } = await import('./page-screen');
    return screenPage({ root: app, lang, t, session: session!, reference: ref, exit: () => go({ ...f, page: 'overview' }) }).catch((error: unknown) => showFailure(error, app));
  }
  // Only the roles that review warnings (and read projects) see those pages in the menu; a link to them explains itself.
  const reviewer = PROJECT_READERS.includes(session?.role ?? '');
  const menu = PAGE_NAMES.filter((p) => p !== 'screen' && (reviewer || (p !== 'warnings' && p !== 'projects')));
  const links = menu.map((p) => {
    const a = h('a', { href: `?page=${p}${lang === 'en' ? '&lang=en' : ''}`, 'data-page': p, 'aria-current': p === f.page ? 'page' : null }, t(p));
    a.addEventListener('click', (e) => {
      e.preventDefault();
      go({ ...f, page: p });
    });
    return a;
  });
  const words = scopeWords(session!, ref, lang);
  const stamp = h('span', { id: 'as-of' });
  const banner = h('div', { class: 'scope', id: 'scope', role: 'note' }, h('span', {}, words.banner), ' ', stamp);
  const content = h('div', { id: 'content' }, h('div', { class: 'state', role: 'status' }, t('loading')));
  const notice = problems.length ? h('div', { class: 'notice', id: 'filter-notice', role: 'status' }, problems.join('\n')) : null;
  const ctx: PageContext = {
    root: content,
    filters: f,
    lang,
    t,
    navigate: (changes) => go({ ...f, ...changes }),
    session: session!,
    reference: ref,
    meta: { lang, page: t(f.page), period: `${f.from} ${lang === 'zh' ? '至' : 'to'} ${f.to}`, scope: filterScope(session!, ref, lang, f.region, f.category), asOf: null },
    tables: [],
  };
  const warnings = f.page === 'warnings';
  fill(
    app,
    h('nav', { class: 'pages no-print', 'aria-label': t('mainNav') }, ...joined(links, ' · ')),
    banner,
    notice,
    warnings ? null : filterForm(f, ref, go),
    warnings ? null : pageTools(ctx),
    content,
  );
  disposeDetached();
  void dataAsOf()
    .then((asOf) => {
      ctx.meta.asOf = asOf;
      stamp.textContent = asOf ? `${t('asOf')} ${asOf}` : t('notSynced');
    })
    .catch(() => undefined);
  try {
    if (warnings) {
      const { warningsPage } = await import('./pages-warnings');
      await warningsPage({ root: content, lang, t, session: session!, reference: ref });
    } else {
      await (
        await PAGES[f.page]!()
      )(ctx);
    }
  } catch (error) {
    showFailure(error, content, () => void render(f));
  }
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

applyLanguage();
// What the first view needs is asked for side by side, not one after another: the session,
// the regions and categories (refused, and asked again, when there is no session), and the
// page's code with its charts library, which a cold browser takes longest over.
const first = urlFilters().page;
const firstCode: Promise<unknown> | undefined = first === 'screen' ? import('./page-screen') : first === 'warnings' ? import('./pages-warnings') : PAGES[first]?.();
firstCode?.catch(() => undefined);
reference = gql<Reference>(REFERENCE_QUERY);
reference.catch(() => undefined);
const existing = await currentSession();
if (existing) start(existing);
else {
  reference = null;
  showSignIn();
}
