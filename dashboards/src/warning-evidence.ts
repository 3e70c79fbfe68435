import { h } from './dom';
import type { Lang } from './format';

// A warning's evidence as tables a supervisor reads: each indicator writes a small JSON
// object (docs/early-warning.md); known fields get names and units, entity ids become names.
// A shape this page does not know is shown whole as formatted JSON, never dropped.

const LABELS: Record<string, string> = {
  shares: '共用指纹',
  kind: '指纹类型',
  value: '指纹值',
  machineCode: '机器码',
  bidders: '投标人',
  bidderIds: '投标人',
  bids: '投标编号',
  projects: '项目编号',
  winners: '中标人',
  winner: '中标人',
  price: '报价（元）',
  prices: '报价（元）',
  pattern: '规律',
  year: '年度',
  role: '对象',
  party: '招标人/代理机构',
  awards: '中标次数',
  total: '合计（元）',
  amount: '中标金额（元）',
  controlPrice: '最高投标限价（元）',
  ratio: '中标价/限价',
  procurementMethod: '采购方式',
  days: '等标期（天）',
  requiredDays: '法定最短等标期（天）',
  firstNoticeOn: '首次公告日',
  bidOpeningAt: '开标时间',
  submittedAt: '递交时间',
  minutesLate: '逾期（分钟）',
  lowestBid: '最低报价投标编号',
  lowestBidder: '最低报价人',
  lowestPrice: '最低报价（元）',
  winnerScore: '中标人得分',
  nextScore: '第二名得分',
  lead: '领先分数',
  upperFence: '上限',
  rate: '否决率',
  disqualified: '被否决数',
  disqualifiedBids: '被否决的投标编号',
  disqualifiedBidders: '被否决的投标人',
  categoryCode: '交易类别',
  awardedOn: '中标日期',
  startsOn: '起始日',
  endsOn: '截止日',
  listType: '名单类型',
  form: '情形',
  budgets: '各项目预算（元）',
  threshold: '限额（元）',
};
const ENTITY_KEYS = new Set(['bidders', 'bidderIds', 'winners', 'winner', 'lowestBidder', 'party', 'disqualifiedBidders']);
const MONEY_KEYS = new Set(['price', 'prices', 'total', 'amount', 'controlPrice', 'lowestPrice', 'budgets', 'threshold']);
const FINGERPRINTS: Record<string, string> = { machine: '机器码', mac: 'MAC 地址', ip: 'IP 地址', file: '投标文件哈希' };
const PATTERNS: Record<string, string> = { equal_steps: '等差排列', whole_percent: '整百分比差' };
const ROLES: Record<string, string> = { initiator: '招标人', agency: '代理机构', bidder: '投标人' };

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Values the tables show: scalars and lists of them. */
const isFlat = (v: unknown) => isScalar(v) || (Array.isArray(v) && v.every(isScalar));

/** Readable when every field is flat or a list of objects whose fields are flat. */
export function readable(evidence: Record<string, unknown>): boolean {
  return Object.values(evidence).every((v) => isFlat(v) || (Array.isArray(v) && v.length > 0 && v.every((x) => isRecord(x) && Object.values(x).every(isFlat))));
}

/** Fields in the order of LABELS (what a fingerprint is, then who shares it), unknown ones last: Postgres keeps JSON keys in an order of its own. */
const ORDER = Object.keys(LABELS);
const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
const label = (key: string, lang: Lang) => (lang === 'zh' ? (LABELS[key] ?? key) : key.replace(/([A-Z])/g, ' $1').toLowerCase());

function money(v: Scalar): string {
  const n = Number(v);
  return v !== null && v !== '' && Number.isFinite(n) ? n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v ?? '—');
}

function show(key: string, value: unknown, name: (id: string) => string): string {
  const one = (v: Scalar): string => {
    if (v === null) return '—';
    if (typeof v === 'boolean') return v ? '是' : '否';
    if (ENTITY_KEYS.has(key)) return name(String(v));
    if (MONEY_KEYS.has(key)) return money(v);
    if (key === 'kind') return FINGERPRINTS[String(v)] ?? String(v);
    if (key === 'pattern') return PATTERNS[String(v)] ?? String(v);
    if (key === 'role') return ROLES[String(v)] ?? String(v);
    if (key === 'ratio' || key === 'rate') return `${(Number(v) * 100).toFixed(2)}%`;
    return String(v);
  };
  return Array.isArray(value) ? (value as Scalar[]).map(one).join('、') : one(value as Scalar);
}

/**
 * The evidence as a field/value table, with a table per list of records (the fingerprints
 * a section's bidders share); `entityName` names an entity by id where the warning knows it.
 */
export function evidenceView(evidence: Record<string, unknown>, lang: Lang, entityName: (id: string) => string, noEvidence: string, rawTitle: string): HTMLElement {
  if (Object.keys(evidence).length === 0) return h('p', { class: 'note', id: 'evidence' }, noEvidence);
  if (!readable(evidence)) {
    return h('div', { id: 'evidence' }, h('p', { class: 'note' }, rawTitle), h('pre', { class: 'json', id: 'evidence-json' }, JSON.stringify(evidence, null, 2)));
  }
  const entries = Object.entries(evidence).sort(([a], [b]) => rank(a) - rank(b));
  const flat = entries.filter(([, v]) => isFlat(v));
  const lists = entries.filter(([, v]) => !isFlat(v)) as Array<[string, Array<Record<string, unknown>>]>;
  const kv = flat.length
    ? h(
        'table',
        { class: 'kv evidence-fields' },
        h('tbody', {}, ...flat.map(([k, v]) => h('tr', { 'data-field': k }, h('th', {}, label(k, lang)), h('td', { class: 'text' }, show(k, v, entityName))))),
      )
    : null;
  const tables = lists.map(([key, rows]) => {
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort((a, b) => rank(a) - rank(b));
    return h(
      'table',
      { class: 'evidence-list', 'data-field': key },
      h('caption', {}, label(key, lang)),
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', {}, label(c, lang))))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...columns.map((c) => h('td', { class: 'text' }, show(c, r[c], entityName)))))),
    );
  });
  return h('div', { id: 'evidence' }, kv, ...tables);
}
