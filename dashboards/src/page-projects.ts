import { gql } from './api';
import { fill, h } from './dom';
import { moneyUnit } from './format';
import { begin, PROJECT_READERS, tableWithExports, type PageContext } from './page-context';
import { chinaTime } from './scope';
import type { FiguresTable } from './table';

const PAGE_SIZE = 50;
const QUERY = `query($filter: ProjectFilter, $after: String) { projects(first: ${PAGE_SIZE}, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id projectCode title budget status registeredAt region { name nameEn } category { name nameEn } awards { amount } } } }`;

interface ProjectRow {
  id: string;
  projectCode: string;
  title: string;
  budget: string | null;
  status: string;
  registeredAt: string;
  region: { name: string; nameEn: string };
  category: { name: string; nameEn: string };
  awards: Array<{ amount: string | null }>;
}

const STATUS: Record<string, [string, string]> = {
  registered: ['已登记', 'Registered'],
  tendering: ['招标中', 'Tendering'],
  evaluating: ['评标中', 'Evaluating'],
  awarded: ['已定标', 'Awarded'],
  contracted: ['已签约', 'Contracted'],
  suspended: ['已暂停', 'Suspended'],
  terminated: ['已终止', 'Terminated'],
};

/**
 * 项目明细: the projects behind a figure (its period, region and category), for supervisors
 * and admin: a policy key stops at aggregates, and the API would refuse it the list anyway.
 */
export async function projectsPage(ctx: PageContext, after: string | null = null, earlier: string[] = []) {
  const { filters: f, lang, t } = ctx;
  if (!PROJECT_READERS.includes(ctx.session.role)) {
    begin(ctx, t('projects')).replaceWith(h('div', { class: 'state error', id: 'forbidden', role: 'alert' }, t('projectsForbidden')));
    document.body.dataset.ready = 'projects-forbidden';
    return;
  }
  const state = begin(ctx, t('projects'));
  const filter = {
    registeredFrom: f.from,
    registeredTo: f.to,
    ...(f.region ? { regionCode: f.region } : {}),
    ...(f.category ? { categoryCodes: [f.category] } : {}),
  };
  const data = await gql<{ projects: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ProjectRow[] } }>(QUERY, { filter, after });
  const { nodes, totalCount, pageInfo } = data.projects;
  const name = (x: { name: string; nameEn: string }) => (lang === 'zh' ? x.name : x.nameEn);
  const award = (p: ProjectRow) => (p.awards.length ? p.awards.reduce((s, a) => s + Number(a.amount ?? 0), 0) : null);
  const unit = moneyUnit(nodes.flatMap((p) => [Number(p.budget ?? 0), award(p)]));
  const table: FiguresTable = {
    id: 'projects-table',
    caption: lang === 'zh' ? `${t('projects')}（${ctx.meta.scope}）` : `${t('projects')} (${ctx.meta.scope})`,
    columns: [
      { label: t('projectCode') },
      { label: t('projectTitle') },
      { label: t('region') },
      { label: t('category') },
      { label: t('registeredAt') },
      { label: t('status') },
      { label: t('budget'), measure: 'BUDGET_TOTAL', unit },
      { label: t('AWARD_TOTAL'), measure: 'AWARD_TOTAL', unit },
    ],
    rows: nodes.map((p) => ({
      cells: [
        p.projectCode,
        p.title,
        name(p.region),
        name(p.category),
        chinaTime(p.registeredAt).slice(0, 10),
        STATUS[p.status]?.[lang === 'zh' ? 0 : 1] ?? p.status,
        p.budget === null ? null : Number(p.budget),
        award(p),
      ],
    })),
  };
  const built = tableWithExports(ctx, table);
  built.table.classList.add('projects');
  const prev = h('button', { type: 'button', id: 'prev', disabled: earlier.length === 0 && after === null }, t('prev'));
  const next = h('button', { type: 'button', id: 'next', disabled: !pageInfo.hasNextPage }, t('next'));
  prev.addEventListener('click', () => void projectsPage(ctx, earlier.at(-1) ?? null, earlier.slice(0, -1)));
  next.addEventListener('click', () => void projectsPage(ctx, pageInfo.endCursor, [...earlier, ...(after === null ? [] : [after])]).catch(() => undefined));
  const count = h('p', { id: 'projects-count' }, lang === 'zh' ? `共 ${totalCount.toLocaleString('zh-CN')} 个项目` : `${totalCount.toLocaleString('en')} projects`);
  if (nodes.length === 0) {
    fill(state, t('empty'));
    state.id = 'empty';
  } else state.replaceWith(count, built.box, h('p', { class: 'pager no-print' }, prev, ' ', next), built.exports);
  document.body.dataset.ready = 'projects';
}
