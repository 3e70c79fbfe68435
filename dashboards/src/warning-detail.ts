import { ApiError, gql } from './api';
import { fill, h, type Child } from './dom';
import { indicatorName } from './indicators';
import { when, type WarningsContext } from './pages-warnings';
import { evidenceView } from './warning-evidence';
import { fmt } from './warnings-text';
import type { WarningView } from './warnings-view';

const FIELDS = `id indicator severity status summary evidence occurredOn raisedAt dueAt overdue decidedAt assignee decisionNote referredTo projectIds
  project { id code title region { name nameEn } category { name nameEn } }
  entities { id name kind uscc idNumber }
  events { action actor fromStatus toStatus note at }`;

interface Detail {
  id: string;
  indicator: string;
  severity: string;
  status: string;
  summary: string;
  evidence: Record<string, unknown>;
  raisedAt: string;
  dueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  assignee: string | null;
  decisionNote: string | null;
  referredTo: string | null;
  projectIds: string[];
  project: { id: string; code: string; title: string; region: { name: string; nameEn: string }; category: { name: string; nameEn: string } } | null;
  entities: Array<{ id: string; name: string; kind: string; uscc: string | null; idNumber: string | null }>;
  events: Array<{ action: string; actor: string; fromStatus: string | null; toStatus: string | null; note: string | null; at: string }>;
}

/** The review steps: the mutation, its text arguments (the first one required), and what it reads. */
const STEPS = {
  assigned: { mutation: 'assignWarning(id: $id, assignee: $a)', args: ['assignee'], button: 'assign', whileOpen: true },
  commented: { mutation: 'commentOnWarning(id: $id, note: $a)', args: ['note'], button: 'comment', whileOpen: false },
  confirmed: { mutation: 'confirmWarning(id: $id, note: $a)', args: ['finding'], button: 'confirm', whileOpen: true },
  dismissed: { mutation: 'dismissWarning(id: $id, reason: $a)', args: ['reason'], button: 'dismiss', whileOpen: true },
  referred: { mutation: 'referWarning(id: $id, to: $a, note: $b)', args: ['referTo', 'referNote'], button: 'refer', whileOpen: true },
} as const;
type Step = keyof typeof STEPS;

/** The API's refusal in the reader's language: by its code and the argument it names. */
function refusal(error: unknown, t: (k: string) => string): string {
  if (!(error instanceof ApiError)) return fmt(t('err_other'), { message: error instanceof Error ? error.message : String(error) });
  if (error.code === 'BAD_USER_INPUT' && error.argument) return /at most/.test(error.message) ? t('err_tooLong') : t(`err_${error.argument}`);
  if (['CONFLICT', 'NOT_FOUND', 'FORBIDDEN'].includes(error.code)) return t(`err_${error.code}`);
  return fmt(t('err_other'), { message: error.message });
}

/** One warning: what it says, its evidence, entities and trail, and the review steps. */
export async function warningDetail(ctx: WarningsContext, view: WarningView, go: (next: WarningView) => void, notice: Node | null, done = ''): Promise<void> {
  const { root, t } = ctx;
  const back = h('a', { href: '#', id: 'back' }, t('back'));
  back.addEventListener('click', (e) => {
    e.preventDefault();
    go({ ...view, warning: '' });
  });
  const state = h('div', { class: 'state' }, t('loading'));
  fill(root, h('p', {}, back), notice, state);
  const { warning: w } = await gql<{ warning: Detail }>(`query($id: ID!) { warning(id: $id) { ${FIELDS} } }`, { id: view.warning });
  draw(ctx, view, go, w, done, state);
}

function draw(ctx: WarningsContext, view: WarningView, go: (next: WarningView) => void, w: Detail, done: string, placeholder: Element) {
  const { t, lang } = ctx;
  const name = (x: { name: string; nameEn: string }) => (lang === 'zh' ? x.name : x.nameEn);
  const entityName = (id: string) => w.entities.find((e) => e.id === id)?.name ?? `#${id}`;
  const row = (key: string, ...value: Child[]) => h('tr', { 'data-field': key }, h('th', {}, t(key)), h('td', { class: 'text' }, ...value));
  const facts = h(
    'table',
    { class: 'kv', id: 'warning-facts' },
    h(
      'tbody',
      {},
      row('summary', w.summary),
      row('severity', h('span', { class: `severity-${w.severity}` }, t(w.severity))),
      row('status', h('span', { id: 'warning-status', 'data-status': w.status }, t(w.status))),
      row('project', w.project ? `${w.project.title}（${w.project.code}）· ${name(w.project.region)} · ${name(w.project.category)}` : '—'),
      w.projectIds.length > 1 ? row('otherProjects', w.projectIds.join('、')) : null,
      row('raisedAt', when(w.raisedAt)),
      row('dueAt', h('span', { class: w.overdue ? 'overdue' : '' }, when(w.dueAt), w.overdue ? `（${t('overdue')}）` : null)),
      w.assignee ? row('assignedTo', w.assignee) : null,
      w.decisionNote ? row('decisionNote', w.decisionNote) : null,
      w.referredTo ? row('referredTo', w.referredTo) : null,
    ),
  );
  const entities = h(
    'table',
    { id: 'warning-entities' },
    h('thead', {}, h('tr', {}, ...['name', 'kind', 'uscc', 'idNumber'].map((k) => h('th', {}, t(k))))),
    h(
      'tbody',
      {},
      ...w.entities.map((e) =>
        h('tr', { 'data-id': e.id }, h('td', { class: 'text' }, e.name), h('td', {}, t(e.kind)), h('td', {}, e.uscc ?? '—'), h('td', {}, e.idNumber ?? '—')),
      ),
    ),
  );
  const trail = h(
    'table',
    { id: 'warning-trail' },
    h('thead', {}, h('tr', {}, ...['at', 'action', 'actor', 'statusChange', 'note'].map((k) => h('th', {}, t(k))))),
    h(
      'tbody',
      {},
      ...w.events.map((e) =>
        h(
          'tr',
          { 'data-action': e.action },
          h('td', {}, when(e.at)),
          h('td', {}, t(e.action)),
          h('td', { class: 'text' }, e.actor),
          h('td', {}, e.fromStatus || e.toStatus ? `${e.fromStatus ? t(e.fromStatus) : ''} → ${e.toStatus ? t(e.toStatus) : ''}` : ''),
          h('td', { class: 'text note' }, e.note ?? ''),
        ),
      ),
    ),
  );
  placeholder.replaceWith(
    h('h2', { id: 'warning-title' }, `${indicatorName(w.indicator, lang)} · #${w.id}`),
    done ? h('p', { class: 'notice ok', id: 'action-result', role: 'status' }, done) : '',
    facts,
    h('h3', {}, t('evidence')),
    evidenceView(w.evidence, lang, entityName, t('noEvidence'), t('rawEvidence')),
    h('h3', {}, t('entities')),
    entities,
    h('h3', {}, t('actions')),
    actions(ctx, view, go, w),
    h('h3', {}, t('trail')),
    trail,
  );
  document.body.dataset.ready = 'warning';
}

function actions(ctx: WarningsContext, view: WarningView, go: (next: WarningView) => void, w: Detail): HTMLElement {
  const { t } = ctx;
  const undecided = w.status === 'open' || w.status === 'assigned';
  const error = h('p', { class: 'error', id: 'action-error', role: 'alert' });
  const forms = (Object.keys(STEPS) as Step[])
    .filter((step) => undecided || !STEPS[step].whileOpen)
    .map((step) => {
      const spec = STEPS[step];
      const fields = spec.args.map((arg) =>
        arg === 'assignee' || arg === 'referTo'
          ? h('input', { name: arg, type: 'text', maxlength: 200, autocomplete: 'off' })
          : h('textarea', { name: arg, rows: 2, cols: 40, maxlength: 1000 }),
      );
      const button = h('button', { type: 'submit', id: `${spec.button}-button`, disabled: true }, t(spec.button));
      const form = h('form', { class: 'review', id: `${spec.button}-form` }, ...spec.args.map((arg, i) => h('label', {}, t(arg), fields[i])), button);
      // The required text first: until it holds more than blanks the step cannot be sent.
      const required = fields[0]!;
      required.addEventListener('input', () => (button.disabled = required.value.trim() === ''));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        button.disabled = true;
        error.textContent = '';
        try {
          const second = spec.args.length > 1;
          await gql(`mutation($id: ID!, $a: String!${second ? ', $b: String' : ''}) { ${spec.mutation} { id status } }`, {
            id: w.id,
            a: required.value,
            ...(second ? { b: fields[1]!.value || null } : {}),
          });
          await warningDetail(ctx, view, go, null, t(`done_${step}`));
        } catch (e) {
          error.textContent = refusal(e, t);
          button.disabled = required.value.trim() === '';
        }
      });
      return form;
    });
  return h('div', { class: 'actions', id: 'warning-actions' }, undecided ? null : h('p', { class: 'note' }, t('decided')), ...forms, error);
}
