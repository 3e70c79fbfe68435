import type { Lang } from './format';

/** The view a link reproduces: period, region, category, granularity and page. */
export interface Filters {
  from: string;
  to: string;
  region: string;
  category: string;
  granularity: string;
  page: string;
  /** The measure a breakdown ranks by (a headline figure's drill-through); '' for the page's own. */
  measure: string;
}

export interface Reference {
  regions: Array<{ code: string; name: string; nameEn: string; level: string; parentCode?: string | null }>;
  categories: Array<{ code: string; name: string; nameEn: string }>;
}

export const GRANULARITIES = ['MONTH', 'QUARTER', 'YEAR'];

const lastYear = () => new Date().getFullYear() - 1;
export const defaultFilters = (): Filters => ({
  from: `${lastYear()}-01-01`,
  to: `${lastYear()}-12-31`,
  region: '',
  category: '',
  granularity: 'MONTH',
  page: 'overview',
  measure: '',
});

/** Filters live in the URL, so a copied link reproduces the view. Values are checked by checkFilters. */
export function filtersFromUrl(pages: readonly string[]): Filters {
  const q = new URLSearchParams(location.search);
  const d = defaultFilters();
  const page = q.get('page') ?? d.page;
  return {
    from: q.get('from') ?? d.from,
    to: q.get('to') ?? d.to,
    region: q.get('region') ?? d.region,
    category: q.get('category') ?? d.category,
    granularity: q.get('granularity') ?? d.granularity,
    page: pages.includes(page) ? page : d.page,
    measure: q.get('measure') ?? d.measure,
  };
}

export function writeUrl(f: Filters, lang: Lang, replace = false): void {
  const q = new URLSearchParams({
    page: f.page,
    from: f.from,
    to: f.to,
    ...(f.region ? { region: f.region } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.granularity !== 'MONTH' ? { granularity: f.granularity } : {}),
    ...(f.measure ? { measure: f.measure } : {}),
    ...(lang === 'en' ? { lang } : {}),
  });
  if (replace) history.replaceState(null, '', `${location.pathname}?${q}`);
  else history.pushState(null, '', `${location.pathname}?${q}`);
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
/** A value from the link as the message quotes it: shortened, shown as text. */
const quoted = (v: string) => (v.length > 80 ? `${v.slice(0, 80)}…` : v);

/** The measures a breakdown can rank by: the headline figures of the overview. */
export const BREAKDOWN_MEASURES = ['PROJECTS', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'CROSS_REGION_WIN_SHARE', 'COMPLAINTS_PER_100_PROJECTS'];

const MESSAGES: Record<Lang, { intro: string; region: string; category: string; from: string; to: string; granularity: string; measure: string }> = {
  zh: {
    intro: '链接中的筛选条件有误，已重置：',
    region: '地区“{v}”不存在，改为全区。',
    category: '类别“{v}”不存在，改为全部类别。',
    from: '开始日期“{v}”不是有效日期（应为 年-月-日，如 2025-01-01），改为 {d}。',
    to: '结束日期“{v}”不是有效日期（应为 年-月-日，如 2025-12-31），改为 {d}。',
    granularity: '周期“{v}”无效，改为按月。',
    measure: '指标“{v}”无效，改为默认指标。',
  },
  en: {
    intro: 'Some filters in the link were not valid and have been reset:',
    region: 'region "{v}" does not exist; showing the whole region.',
    category: 'category "{v}" does not exist; showing all categories.',
    from: 'start date "{v}" is not a date (YYYY-MM-DD); using {d}.',
    to: 'end date "{v}" is not a date (YYYY-MM-DD); using {d}.',
    granularity: 'period "{v}" is not valid; showing months.',
    measure: 'measure "{v}" is not valid; showing the default.',
  },
};

/**
 * Checks a link's filters against the reference data: each unknown value is reset to its
 * default and named in a message (to be shown as text). Returns the filters to use.
 */
export function checkFilters(f: Filters, reference: Reference, lang: Lang): { filters: Filters; problems: string[] } {
  const d = defaultFilters();
  const m = MESSAGES[lang];
  const problems: string[] = [];
  const fixed = { ...f };
  const reset = (field: 'region' | 'category' | 'from' | 'to' | 'granularity' | 'measure') => {
    problems.push(m[field].replace('{v}', quoted(f[field])).replace('{d}', d[field]));
    fixed[field] = d[field];
  };
  if (f.region && !reference.regions.some((r) => r.code === f.region)) reset('region');
  if (f.category && !reference.categories.some((c) => c.code === f.category)) reset('category');
  if (!isDay(f.from)) reset('from');
  if (!isDay(f.to)) reset('to');
  if (!GRANULARITIES.includes(f.granularity)) reset('granularity');
  if (f.measure && !BREAKDOWN_MEASURES.includes(f.measure)) reset('measure');
  return { filters: fixed, problems: problems.length ? [m.intro, ...problems] : [] };
}

/** The statistics filter for the page's filters; entity measures (penalties, blacklist) take no category. */
export const statsFilter = (f: Filters, withCategory = true) => ({
  from: f.from,
  to: f.to,
  ...(f.region ? { regionCode: f.region } : {}),
  ...(withCategory && f.category ? { categoryCodes: [f.category] } : {}),
});
