import { asc, eq, inArray } from 'drizzle-orm';
import type { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema';
import { hubSchema } from '../src/graphql/schema';
import { Factory, makeIdNumber, type EntityRow, type ProjectRow } from './helpers/factories';
import { codes, createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';
import { makeWarning, type WarningRow } from './helpers/warnings';

// The supervisors' review of warnings (issue 13, "For supervisors"): the queue and its
// filters within a remit, each review step with its audit row, and the rules that keep a
// decision single and a note free of ID numbers in clear.

const DAY = 86_400_000;
const now = Date.now();
const daysAgo = (n: number) => new Date(now - n * DAY);

let hub: TestHub;
let f: Factory;
const keys: Record<string, string> = {};
const keyIds: Record<string, number> = {};
let firm: EntityRow;
let other: EntityRow;
let person: EntityRow;
let alxa: ProjectRow;
let alxaCounty: ProjectRow;
let alxaPurchase: ProjectRow;
let hohhot: ProjectRow;
/** The queue as admin sees it, newest first. */
let w: Record<'fingerprint' | 'shortPeriod' | 'purchase' | 'hohhot' | 'overdue' | 'dismissedLate', WarningRow>;

beforeAll(async () => {
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('warnings_review') });
  f = new Factory(hub.database.db, hub.services);
  const key = async (name: string, role: string, over: Record<string, unknown> = {}) => {
    const { key, row } = await hub.services.apiKeys.create({ name, role, ...over });
    keys[name] = key;
    keyIds[name] = row.id;
  };
  await key('admin', 'admin');
  await key('阿拉善盟住建局', 'supervisor', { department: '阿拉善盟住房和城乡建设局', regions: ['152900'], categories: ['construction'] });
  await key('阿拉善盟财政局', 'supervisor', { department: '阿拉善盟财政局', regions: ['152900'], categories: ['government_procurement'] });
  await key('呼和浩特市住建局', 'supervisor', { department: '呼和浩特市住房和城乡建设局', regions: ['150100'], categories: null });
  await key('credit', 'credit');
  await key('policy', 'policy');
  await key('platform', 'platform', { platform: 'P152900' });

  firm = await f.entity();
  other = await f.entity();
  person = await f.person();
  alxa = await f.project({ platformCode: 'P152900', registeredAt: daysAgo(40) });
  alxaCounty = await f.project({ platformCode: 'P152900', regionCode: '152921', registeredAt: daysAgo(20) });
  alxaPurchase = await f.project({ platformCode: 'P152900', categoryCode: 'government_procurement', registeredAt: daysAgo(10) });
  hohhot = await f.project({ platformCode: 'P150100', regionCode: '150100', registeredAt: daysAgo(5) });
  const db = hub.database.db;
  w = {
    dismissedLate: await makeWarning(db, { project: alxa, raisedAt: daysAgo(50), status: 'dismissed', entityIds: [other.id] }),
    overdue: await makeWarning(db, { project: alxa, raisedAt: daysAgo(35), indicator: 'repeated_winner', severity: 'medium', entityIds: [firm.id] }),
    fingerprint: await makeWarning(db, {
      projects: [alxaCounty, alxa],
      raisedAt: daysAgo(3),
      entityIds: [firm.id, person.id],
      evidence: { machineCode: 'A1B2C3D4', bidders: [{ name: person.name, idNumber: person.personIdNumber }] },
    }),
    shortPeriod: await makeWarning(db, { project: alxa, raisedAt: daysAgo(2), indicator: 'short_bid_period', severity: 'low', entityIds: [other.id] }),
    purchase: await makeWarning(db, { project: alxaPurchase, raisedAt: daysAgo(1), indicator: 'identical_prices', severity: 'medium', entityIds: [firm.id] }),
    // Whole days apart at the same time of day, so each lies on its own China day whenever the test runs
    // (half a day ago fell on yesterday's China date just after midnight, 00:04 CST).
    hohhot: await makeWarning(db, { project: hohhot, raisedAt: daysAgo(0), indicator: 'identical_prices', entityIds: [firm.id] }),
  };
});
afterAll(() => hub?.close());

const gql = (who: string, query: string, variables?: Record<string, unknown>) => hub.gql(query, { key: keys[who], variables });
const QUEUE =
  'query($filter: WarningFilter, $first: Int, $after: String) { warnings(filter: $filter, first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }';
async function queue(who: string, filter: Record<string, unknown> = {}): Promise<number[]> {
  const r = await gql(who, QUEUE, { filter });
  expect(r.errors).toBeUndefined();
  expect(r.data!.warnings.totalCount).toBe(r.data!.warnings.nodes.length);
  return r.data!.warnings.nodes.map((n: { id: string }) => Number(n.id));
}
const ids = (...names: Array<keyof typeof w>) => names.map((n) => w[n].id);
const fresh = (spec: Parameters<typeof makeWarning>[1] = {}) => makeWarning(hub.database.db, { project: alxa, entityIds: [firm.id], ...spec });
const eventsOf = (id: number) => hub.database.db.select().from(t.warningEvents).where(eq(t.warningEvents.warningId, id)).orderBy(asc(t.warningEvents.id));
const stored = async (id: number) => (await hub.database.db.select().from(t.warnings).where(eq(t.warnings.id, id)))[0]!;

describe('the queue', () => {
  it('lists every warning newest first for admin, and only the remit for a supervisor', async () => {
    expect(await queue('admin')).toEqual(ids('hohhot', 'purchase', 'shortPeriod', 'fingerprint', 'overdue', 'dismissedLate'));
    expect(await queue('阿拉善盟住建局')).toEqual(ids('shortPeriod', 'fingerprint', 'overdue', 'dismissedLate'));
    expect(await queue('阿拉善盟财政局')).toEqual(ids('purchase'));
    expect(await queue('呼和浩特市住建局')).toEqual(ids('hohhot'));
  });

  it('filters by indicator, severity and status', async () => {
    expect(await queue('admin', { indicators: ['identical_prices', 'repeated_winner'] })).toEqual(ids('hohhot', 'purchase', 'overdue'));
    expect(await queue('admin', { severities: ['medium'] })).toEqual(ids('purchase', 'overdue'));
    expect(await queue('admin', { statuses: ['dismissed'] })).toEqual(ids('dismissedLate'));
    expect(await queue('阿拉善盟住建局', { statuses: ['open', 'assigned'], severities: ['high'] })).toEqual(ids('fingerprint'));
    expect(await queue('admin', { indicators: [] })).toEqual([]);
  });

  it('filters by region with its subtree and by category, never past the remit', async () => {
    expect(await queue('admin', { regionCode: '152921' })).toEqual(ids('fingerprint'));
    expect(await queue('admin', { regionCode: '152900' })).toEqual(ids('purchase', 'shortPeriod', 'fingerprint', 'overdue', 'dismissedLate'));
    expect(await queue('admin', { regionCode: '150000', categoryCodes: ['government_procurement'] })).toEqual(ids('purchase'));
    // A filter narrows the remit; it cannot widen it.
    expect(await queue('阿拉善盟住建局', { regionCode: '150100' })).toEqual([]);
    expect(await queue('阿拉善盟住建局', { categoryCodes: ['government_procurement'] })).toEqual([]);
    const bad = await gql('admin', QUEUE, { filter: { regionCode: '999999' } });
    expect([codes(bad), bad.errors![0]!.extensions!.argument]).toEqual([['BAD_USER_INPUT'], 'filter.regionCode']);
  });

  it('filters by the day raised and by the period the trading happened in', async () => {
    const cst = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(await queue('admin', { raisedFrom: cst(daysAgo(2)), raisedTo: cst(daysAgo(1)) })).toEqual(ids('purchase', 'shortPeriod'));
    expect(await queue('admin', { raisedTo: cst(daysAgo(35)) })).toEqual(ids('overdue', 'dismissedLate'));
    // The main project's registration day: alxaCounty 20 days ago, alxaPurchase 10, hohhot 5.
    expect(await queue('admin', { occurredFrom: cst(daysAgo(25)), occurredTo: cst(daysAgo(8)) })).toEqual(ids('purchase', 'fingerprint'));
    const reversed = await gql('admin', QUEUE, { filter: { raisedFrom: '2026-02-02', raisedTo: '2026-02-01' } });
    expect(reversed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.raisedFrom' });
  });

  it('filters by entity and by any project the evidence spans', async () => {
    expect(await queue('admin', { entityId: String(person.id) })).toEqual(ids('fingerprint'));
    expect(await queue('admin', { entityId: String(other.id) })).toEqual(ids('shortPeriod', 'dismissedLate'));
    expect(await queue('admin', { projectId: String(alxaCounty.id) })).toEqual(ids('fingerprint'));
    expect(await queue('admin', { projectId: String(alxa.id) })).toEqual(ids('shortPeriod', 'fingerprint', 'overdue', 'dismissedLate'));
    expect(await queue('阿拉善盟住建局', { entityId: String(firm.id) })).toEqual(ids('fingerprint', 'overdue'));
  });

  it('finds the overdue: past the deadline and not yet decided', async () => {
    expect(await queue('admin', { overdue: true })).toEqual(ids('overdue'));
    expect(await queue('admin', { overdue: false })).toEqual(ids('hohhot', 'purchase', 'shortPeriod', 'fingerprint', 'dismissedLate'));
    const r = await gql('admin', `{ a: warning(id: "${w.overdue.id}") { overdue dueAt } b: warning(id: "${w.dismissedLate.id}") { overdue } }`);
    expect(r.data).toEqual({ a: { overdue: true, dueAt: w.overdue.dueAt.toISOString() }, b: { overdue: false } });
  });

  it('pages with cursors: every warning once, in order, however small the page', async () => {
    const all = await queue('admin');
    for (const size of [1, 2, 4]) {
      const seen: number[] = [];
      let after: string | null = null;
      for (;;) {
        const r = await gql('admin', QUEUE, { first: size, after });
        const page = r.data!.warnings;
        expect(page.nodes.length).toBeLessThanOrEqual(size);
        seen.push(...page.nodes.map((n: { id: string }) => Number(n.id)));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all);
    }
    expect(codes(await gql('admin', QUEUE, { first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await gql('admin', QUEUE, { after: 'bm90IGEgY3Vyc29y' }))).toEqual(['BAD_USER_INPUT']);
  });
});

const DETAIL = `query($id: ID!) { warning(id: $id) {
  id indicator severity status summary evidence thresholds ruleVersion occurredOn raisedAt dueAt overdue projectIds
  region { code } category { code }
  project { id code title region { code } category { code } }
  entities { id name kind uscc idNumber }
  events { action actor fromStatus toStatus note at } } }`;

describe('one warning', () => {
  it('shows its evidence, entities (ID numbers masked), project and trail', async () => {
    const r = await gql('阿拉善盟住建局', DETAIL, { id: String(w.fingerprint.id) });
    expect(r.errors).toBeUndefined();
    const masked = `${person.personIdNumber!.slice(0, 4)}**********${person.personIdNumber!.slice(-4)}`;
    expect(r.data!.warning).toMatchObject({
      indicator: 'shared_fingerprint',
      severity: 'high',
      status: 'open',
      ruleVersion: 1,
      thresholds: { minBidders: 2 },
      evidence: { machineCode: 'A1B2C3D4', bidders: [{ name: person.name, idNumber: masked }] },
      overdue: false,
      projectIds: [String(alxaCounty.id), String(alxa.id)],
      region: { code: '152921' },
      category: { code: 'construction' },
      project: { id: String(alxaCounty.id), code: alxaCounty.projectCode, title: alxaCounty.title, region: { code: '152921' }, category: { code: 'construction' } },
      entities: [
        { id: String(firm.id), name: firm.name, kind: 'organisation', uscc: firm.uscc, idNumber: null },
        { id: String(person.id), name: person.name, kind: 'person', uscc: null, idNumber: masked },
      ],
      events: [{ action: 'raised', actor: '预警引擎', fromStatus: null, toStatus: 'open', note: null, at: w.fingerprint.raisedAt.toISOString() }],
    });
    expect(r.raw).not.toContain(person.personIdNumber);
  });

  it('is NOT_FOUND outside the remit, as for a warning that does not exist', async () => {
    const outside = await gql('阿拉善盟住建局', DETAIL, { id: String(w.hohhot.id) });
    const missing = await gql('阿拉善盟住建局', DETAIL, { id: '999999999' });
    expect(codes(outside)).toEqual(['NOT_FOUND']);
    expect(outside.errors![0]!.message).toBe(missing.errors![0]!.message.replace('999999999', String(w.hohhot.id)));
    expect(codes(await gql('阿拉善盟财政局', DETAIL, { id: String(w.fingerprint.id) }))).toEqual(['NOT_FOUND']);
    expect(codes(await gql('呼和浩特市住建局', DETAIL, { id: String(w.hohhot.id) }))).toEqual([]);
  });
});

const M = {
  assign: 'mutation($id: ID!, $v: String!) { assignWarning(id: $id, assignee: $v) { status assignee updatedAt } }',
  comment: 'mutation($id: ID!, $v: String!) { commentOnWarning(id: $id, note: $v) { status updatedAt } }',
  confirm: 'mutation($id: ID!, $v: String!) { confirmWarning(id: $id, note: $v) { status decisionNote decidedAt } }',
  dismiss: 'mutation($id: ID!, $v: String!) { dismissWarning(id: $id, reason: $v) { status decisionNote decidedAt } }',
  refer: 'mutation($id: ID!, $v: String!, $note: String) { referWarning(id: $id, to: $v, note: $note) { status referredTo decisionNote decidedAt } }',
};
const act = (who: string, m: keyof typeof M, id: number, v: string, extra: Record<string, unknown> = {}) => gql(who, M[m], { id: String(id), v, ...extra });

describe('review steps', () => {
  it('assigns, reassigns, comments and confirms, each with its audit row by the key', async () => {
    const x = await fresh();
    const who = '阿拉善盟住建局';
    expect((await act(who, 'assign', x.id, '张科长')).data!.assignWarning).toMatchObject({ status: 'assigned', assignee: '张科长' });
    expect((await act(who, 'assign', x.id, '李科员')).data!.assignWarning).toMatchObject({ status: 'assigned', assignee: '李科员' });
    expect((await act('admin', 'comment', x.id, '已调取开标记录')).data!.commentOnWarning.status).toBe('assigned');
    const confirmed = (await act(who, 'confirm', x.id, '两家投标文件由同一台电脑制作，确属串通投标')).data!.confirmWarning;
    expect(confirmed).toMatchObject({ status: 'confirmed', decisionNote: '两家投标文件由同一台电脑制作，确属串通投标' });
    const row = await stored(x.id);
    expect(row).toMatchObject({ status: 'confirmed', assignee: '李科员', decisionNote: '两家投标文件由同一台电脑制作，确属串通投标', referredTo: null });
    expect(row.decidedAt!.toISOString()).toBe(confirmed.decidedAt);
    expect(row.updatedAt.getTime()).toBe(row.decidedAt!.getTime());
    const trail = (await eventsOf(x.id)).map((e) => [e.action, e.keyId, e.actor, e.fromStatus, e.toStatus, e.note]);
    expect(trail).toEqual([
      ['raised', null, '预警引擎', null, 'open', null],
      ['assigned', keyIds[who], who, 'open', 'assigned', '张科长'],
      ['assigned', keyIds[who], who, 'assigned', 'assigned', '李科员'],
      ['commented', keyIds.admin, 'admin', null, null, '已调取开标记录'],
      ['confirmed', keyIds[who], who, 'assigned', 'confirmed', '两家投标文件由同一台电脑制作，确属串通投标'],
    ]);
    const shown = (await gql(who, DETAIL, { id: String(x.id) })).data!.warning.events;
    expect(shown.map((e: { action: string }) => e.action)).toEqual(['raised', 'assigned', 'assigned', 'commented', 'confirmed']);
  });

  it('dismisses with a reason and refers to an authority, straight from open', async () => {
    const d = await fresh();
    expect((await act('admin', 'dismiss', d.id, '  系同一代理机构的公共投标电脑  ')).data!.dismissWarning).toMatchObject({
      status: 'dismissed',
      decisionNote: '系同一代理机构的公共投标电脑',
    });
    expect((await eventsOf(d.id)).at(-1)).toMatchObject({ action: 'dismissed', fromStatus: 'open', toStatus: 'dismissed', note: '系同一代理机构的公共投标电脑' });
    const r = await fresh();
    const referred = await act('阿拉善盟住建局', 'refer', r.id, '阿拉善盟公安局', { note: '涉嫌串通投标罪' });
    expect(referred.data!.referWarning).toMatchObject({ status: 'referred', referredTo: '阿拉善盟公安局', decisionNote: '涉嫌串通投标罪' });
    expect((await eventsOf(r.id)).at(-1)).toMatchObject({ action: 'referred', toStatus: 'referred', note: '阿拉善盟公安局\n涉嫌串通投标罪' });
    const bare = await fresh();
    expect((await act('admin', 'refer', bare.id, '内蒙古自治区纪委监委')).data!.referWarning).toMatchObject({ decisionNote: null });
  });

  it('refuses a dismissal without a reason, naming the argument, and writes nothing', async () => {
    const x = await fresh();
    for (const reason of ['', '   \n\t ']) {
      const r = await act('阿拉善盟住建局', 'dismiss', x.id, reason);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0]!.extensions!.argument).toBe('reason');
      expect(r.errors![0]!.message).toBe('reason: a warning is dismissed only with a reason: say why this is not abnormal trading');
    }
    const missing = await gql('admin', `mutation { dismissWarning(id: "${x.id}") { status } }`);
    expect(missing.errors![0]!.message).toMatch(/argument "reason" of type "String!" is required/);
    expect(codes(await act('admin', 'confirm', x.id, ' '))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await act('admin', 'refer', x.id, ''))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await act('admin', 'assign', x.id, ''))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await act('admin', 'comment', x.id, ''))).toEqual(['BAD_USER_INPUT']);
    expect((await stored(x.id)).status).toBe('open');
    expect(await eventsOf(x.id)).toHaveLength(1);
  });

  it('refuses notes over 1,000 characters, saying so', async () => {
    const x = await fresh();
    const r = await act('admin', 'comment', x.id, '核'.repeat(1001));
    expect(r.errors![0]).toMatchObject({ message: 'note: 1,001 characters; at most 1,000 are accepted', extensions: { code: 'BAD_USER_INPUT', argument: 'note' } });
    expect(codes(await act('admin', 'comment', x.id, '核'.repeat(1000)))).toEqual([]);
  });

  it('never decides a decided warning again, saying its status; comments still go in', async () => {
    const x = await fresh();
    await act('admin', 'dismiss', x.id, '共用网络出口');
    for (const step of ['confirm', 'dismiss', 'refer', 'assign'] as const) {
      const r = await act('阿拉善盟住建局', step, x.id, '再次处理');
      expect(codes(r)).toEqual(['CONFLICT']);
      expect(r.errors![0]!.message).toMatch(new RegExp(`^Warning ${x.id} is already dismissed: a decided warning cannot be`));
    }
    expect((await act('阿拉善盟住建局', 'comment', x.id, '复核无异议')).data!.commentOnWarning.status).toBe('dismissed');
    expect((await stored(x.id)).decisionNote).toBe('共用网络出口');
    expect((await eventsOf(x.id)).map((e) => e.action)).toEqual(['raised', 'dismissed', 'commented']);
  });

  it('lets exactly one of two supervisors deciding at once win', async () => {
    const rounds = await Promise.all(Array.from({ length: 8 }, () => fresh()));
    const results = await Promise.all(rounds.map((x) => Promise.all([act('阿拉善盟住建局', 'confirm', x.id, '确属串通'), act('admin', 'dismiss', x.id, '经核查无异常')])));
    const events = await hub.database.db
      .select()
      .from(t.warningEvents)
      .where(
        inArray(
          t.warningEvents.warningId,
          rounds.map((x) => x.id),
        ),
      );
    for (const [i, [confirm, dismiss]] of results.entries()) {
      expect([codes(confirm), codes(dismiss)].sort()).toEqual([[], ['CONFLICT']].sort());
      const winner = codes(confirm).length === 0 ? 'confirmed' : 'dismissed';
      const decisions = events.filter((e) => e.warningId === rounds[i]!.id && e.action !== 'raised');
      expect(decisions.map((e) => e.action)).toEqual([winner]);
      expect((await stored(rounds[i]!.id)).status).toBe(winner);
    }
  });

  it('masks an ID number typed into a note before storing it', async () => {
    const x = await fresh();
    const id = makeIdNumber();
    const wide = id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const r1 = await act('阿拉善盟住建局', 'comment', x.id, `投标人法定代表人身份证号 ${id}，与评标专家相同`);
    const r2 = await act('阿拉善盟住建局', 'assign', x.id, `王某（${wide}）`);
    const r3 = await act('阿拉善盟住建局', 'confirm', x.id, `身份证号${id}的投标人控制三家公司`);
    for (const r of [r1, r2, r3]) {
      expect(r.errors).toBeUndefined();
      expect(r.raw).not.toContain(id);
    }
    const masked = `${id.slice(0, 4)}**********${id.slice(-4)}`;
    const notes = (await eventsOf(x.id)).map((e) => e.note ?? '');
    expect(notes.slice(1)).toEqual([`投标人法定代表人身份证号 ${masked}，与评标专家相同`, `王某（${masked}）`, `身份证号${masked}的投标人控制三家公司`]);
    const row = await stored(x.id);
    const table = JSON.stringify([row, notes]);
    expect(table).not.toContain(id);
    expect(table).not.toContain(wide);
    expect(row.decisionNote).toBe(`身份证号${masked}的投标人控制三家公司`);
  });

  it('is NOT_FOUND for a supervisor outside the remit, and writes nothing', async () => {
    for (const step of ['assign', 'comment', 'confirm', 'dismiss', 'refer'] as const) {
      expect(codes(await act('阿拉善盟住建局', step, w.hohhot.id, '越权处理'))).toEqual(['NOT_FOUND']);
    }
    expect(await eventsOf(w.hohhot.id)).toHaveLength(1);
    expect((await stored(w.hohhot.id)).status).toBe('open');
  });
});

describe('other roles', () => {
  it('refuses policy, platform and credit keys the queue, a warning and every step', async () => {
    const x = await fresh();
    for (const who of ['policy', 'platform', 'credit']) {
      expect(codes(await gql(who, QUEUE))).toEqual(['FORBIDDEN']);
      expect(codes(await gql(who, DETAIL, { id: String(x.id) }))).toEqual(['FORBIDDEN']);
      for (const step of ['assign', 'comment', 'confirm', 'dismiss', 'refer'] as const) expect(codes(await act(who, step, x.id, '处理'))).toEqual(['FORBIDDEN']);
    }
    expect(codes(await hub.gql(QUEUE))).toEqual(['UNAUTHENTICATED']);
    expect(await eventsOf(x.id)).toHaveLength(1);
  });

  it('shows a credit key the confirmed warnings on an entity, without evidence, and nothing else', async () => {
    const subject = await f.entity();
    const confirmed = await fresh({ entityIds: [subject.id, firm.id], summary: '三家投标人共用同一 MAC 地址' });
    await act('admin', 'confirm', confirmed.id, '确属串通投标');
    await fresh({ entityIds: [subject.id] });
    const dismissed = await fresh({ entityIds: [subject.id] });
    await act('admin', 'dismiss', dismissed.id, '误报');
    const r = await gql('credit', `{ entity(uscc: "${subject.uscc}") { confirmedWarnings { id indicator severity summary decidedAt projectId } } }`);
    expect(r.errors).toBeUndefined();
    const decidedAt = (await stored(confirmed.id)).decidedAt!.toISOString();
    expect(r.data!.entity.confirmedWarnings).toEqual([
      { id: String(confirmed.id), indicator: 'shared_fingerprint', severity: 'high', summary: '三家投标人共用同一 MAC 地址', decidedAt, projectId: String(alxa.id) },
    ]);
    const type = (await hubSchema()).getType('ConfirmedWarning') as GraphQLObjectType;
    expect(Object.keys(type.getFields()).sort()).toEqual(['decidedAt', 'id', 'indicator', 'projectId', 'severity', 'summary']);
    expect(codes(await gql('platform', `{ entity(uscc: "${subject.uscc}") { confirmedWarnings { id } } }`))).toEqual(['FORBIDDEN']);
  });
});
