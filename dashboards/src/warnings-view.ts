import type { Session } from './api';
import type { Reference } from './filters';
import type { Lang } from './format';
import { INDICATORS, SEVERITIES, STATUSES } from './indicators';

/** The warnings page's state, in the URL as the statistics filters are: a link reproduces it. */
export interface WarningView {
  indicator: string;
  severity: string;
  status: string;
  region: string;
  category: string;
  raisedFrom: string;
  raisedTo: string;
  overdue: boolean;
  entity: string;
  /** The queue page's cursor (pageInfo.endCursor of the page before). */
  after: string;
  /** A warning's id: its detail instead of the queue. */
  warning: string;
}

type Field = keyof WarningView;
const FIELDS: Field[] = ['indicator', 'severity', 'status', 'region', 'category', 'raisedFrom', 'raisedTo', 'overdue', 'entity', 'after', 'warning'];

export const emptyView = (): WarningView => ({
  indicator: '',
  severity: '',
  status: '',
  region: '',
  category: '',
  raisedFrom: '',
  raisedTo: '',
  overdue: false,
  entity: '',
  after: '',
  warning: '',
});

/** The regions and categories a session may filter by: its remit, or the whole hub for admin. */
export function remitChoices(session: Session, ref: Reference) {
  const within = (code: string, roots: string[]) => {
    for (let c: string | null | undefined = code; c; c = ref.regions.find((r) => r.code === c)?.parentCode) if (roots.includes(c)) return true;
    return false;
  };
  const roots = session.regionCodes;
  return {
    regions: roots ? ref.regions.filter((r) => within(r.code, roots)) : ref.regions.filter((r) => r.level === 'league'),
    categories: session.categoryCodes ? ref.categories.filter((c) => session.categoryCodes!.includes(c.code)) : ref.categories,
  };
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime());
const isId = (s: string) => /^\d{1,15}$/.test(s);

/**
 * The view in the URL, each value checked against what the page offers; a value it does not
 * offer is dropped and its field named, for a notice shown as text.
 */
export function viewFromUrl(session: Session, ref: Reference): { view: WarningView; problems: string[] } {
  const q = new URLSearchParams(location.search);
  const choices = remitChoices(session, ref);
  const valid: Record<Field, (v: string) => boolean> = {
    indicator: (v) => INDICATORS.includes(v),
    severity: (v) => SEVERITIES.includes(v),
    status: (v) => STATUSES.includes(v),
    // Any region of the remit, down to a banner, as the queue's region column may name one.
    region: (v) => ref.regions.some((r) => r.code === v) && (!session.regionCodes || choices.regions.some((r) => r.code === v)),
    category: (v) => choices.categories.some((c) => c.code === v),
    raisedFrom: isDay,
    raisedTo: isDay,
    overdue: (v) => v === '1',
    entity: isId,
    after: (v) => /^[\w-]{1,200}$/.test(v),
    warning: isId,
  };
  const view = emptyView();
  const problems: string[] = [];
  for (const field of FIELDS) {
    const value = q.get(field);
    if (value === null || value === '') continue;
    if (!valid[field](value)) problems.push(field);
    else if (field === 'overdue') view.overdue = true;
    else view[field] = value;
  }
  // The API refuses a period that ends before it starts; the link's end is dropped instead.
  if (view.raisedFrom && view.raisedTo && view.raisedFrom > view.raisedTo) {
    problems.push('raisedTo');
    view.raisedTo = '';
  }
  return { view, problems };
}

export function writeView(view: WarningView, lang: Lang, replace = false): void {
  const q = new URLSearchParams({ page: 'warnings' });
  for (const field of FIELDS) {
    const value = view[field];
    if (value === true) q.set(field, '1');
    else if (typeof value === 'string' && value) q.set(field, value);
  }
  if (lang === 'en') q.set('lang', 'en');
  if (replace) history.replaceState(null, '', `${location.pathname}?${q}`);
  else history.pushState(null, '', `${location.pathname}?${q}`);
}

/** The API's WarningFilter for the view (the queue and the network take the same). */
export function warningFilter(v: WarningView): Record<string, unknown> {
  return {
    ...(v.indicator ? { indicators: [v.indicator] } : {}),
    ...(v.severity ? { severities: [v.severity] } : {}),
    ...(v.status ? { statuses: [v.status] } : {}),
    ...(v.region ? { regionCode: v.region } : {}),
    ...(v.category ? { categoryCodes: [v.category] } : {}),
    ...(v.raisedFrom ? { raisedFrom: v.raisedFrom } : {}),
    ...(v.raisedTo ? { raisedTo: v.raisedTo } : {}),
    ...(v.overdue ? { overdue: true } : {}),
    ...(v.entity ? { entityId: v.entity } : {}),
  };
}
