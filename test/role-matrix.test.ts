import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type EntityRow, type ProjectRow } from './helpers/factories';
import { codes, createTestHub, type GqlResult, type TestHub } from './helpers/test-hub';
import { makeWarning, type WarningRow } from './helpers/warnings';

let hub: TestHub;
let f: Factory;
let alxaProject: ProjectRow;
let hohhotProject: ProjectRow;
let firm: EntityRow;
/** Open and already decided warnings on each project. */
let warning: Record<'alxa' | 'hohhot' | 'alxaDecided' | 'hohhotDecided', WarningRow>;
const keys: Record<string, string | undefined> = {};

const ROLES = ['none', 'admin', 'platformAlxa', 'platformHohhot', 'credit', 'policy', 'supervisorAlxaWorks'] as const;
type Who = (typeof ROLES)[number];

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  firm = await f.entity();
  await f.penalty(firm);
  alxaProject = await f.project({ platformCode: 'P152900', regionCode: '152921', categoryCode: 'construction' });
  hohhotProject = await f.project({ platformCode: 'P150100', regionCode: '150100', categoryCode: 'government_procurement' });
  await f.bid(alxaProject, firm);
  const db = hub.database.db;
  warning = {
    alxa: await makeWarning(db, { project: alxaProject, entityIds: [firm.id] }),
    hohhot: await makeWarning(db, { project: hohhotProject, entityIds: [firm.id] }),
    alxaDecided: await makeWarning(db, { project: alxaProject, entityIds: [firm.id], status: 'confirmed' }),
    hohhotDecided: await makeWarning(db, { project: hohhotProject, entityIds: [firm.id], status: 'confirmed' }),
  };
  keys.admin = await f.key('admin');
  keys.platformAlxa = await f.key('platform', { platform: 'P152900' });
  keys.platformHohhot = await f.key('platform', { platform: 'P150100' });
  keys.credit = await f.key('credit');
  keys.policy = await f.key('policy');
  keys.supervisorAlxaWorks = await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', categories: ['construction'], regions: ['152900'] });
});
afterAll(() => hub.close());

const call = (who: Who, query: string) => hub.gql(query, { key: keys[who] });

/** 'ok' when the call succeeded, otherwise the error code. */
const outcome = (r: GqlResult) => (r.errors?.length ? r.errors[0]!.extensions!.code : 'ok');

describe('role matrix', () => {
  const matrix: Array<[string, () => string, Record<Who, string>]> = [
    [
      'regions',
      () => '{ regions { code } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'ok', policy: 'ok', supervisorAlxaWorks: 'ok' },
    ],
    [
      'categories',
      () => '{ categories { code } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'ok', policy: 'ok', supervisorAlxaWorks: 'ok' },
    ],
    [
      'platforms',
      () => '{ platforms { code } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'ok', policy: 'ok', supervisorAlxaWorks: 'ok' },
    ],
    [
      'entity(uscc)',
      () => `{ entity(uscc: "${firm.uscc}") { name } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'entities',
      () => `{ entities(filter: { name: "${f.tag}" }) { nodes { name } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'entity penalties',
      () => `{ entity(uscc: "${firm.uscc}") { penalties { decisionNumber } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'entity blacklist',
      () => `{ entity(uscc: "${firm.uscc}") { blacklistEntries { listType } creditRecords { title } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'projects',
      () => `{ projects(filter: { text: "${f.tag}" }) { nodes { id } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'project(Alxa)',
      () => `{ project(id: "${alxaProject.id}") { title bids { price } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'project(Hohhot)',
      () => `{ project(id: "${hohhotProject.id}") { title } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'creditStatus',
      () => `{ creditStatus(codes: ["${firm.uscc}"]) { known } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'searchEntities',
      () => `{ searchEntities(name: "${f.tag}") { code } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'creditChanges',
      () => '{ creditChanges(first: 1) { hasMore } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'creditLookups',
      () => '{ creditLookups(first: 1) { id } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'recordHistory(Alxa)',
      () => `{ recordHistory(recordType: project, recordId: "${f.tag}-none", platformCode: "P152900") { versions { outcome } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    // Read-back of what a platform pushed (issue 12): its own platform's for a platform key, any for admin.
    [
      'batches',
      () => '{ batches(first: 1) { nodes { id } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'batches(P152900)',
      () => '{ batches(filter: { platformCode: "P152900" }) { totalCount } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'heldRecords',
      () => '{ heldRecords(first: 1) { nodes { awaitingId } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'heldRecords(P152900)',
      () => '{ heldRecords(platformCode: "P152900") { totalCount } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'experts',
      () => '{ experts(first: 1) { nodes { expertCode idNumber } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'pushedPenalties',
      () => '{ pushedPenalties(first: 1) { nodes { decisionNumber } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'pushedBlacklistEntries',
      () => '{ pushedBlacklistEntries(first: 1) { nodes { listType } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'pushedCreditRecords',
      () => '{ pushedCreditRecords(first: 1) { nodes { title } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'ok', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'pushedPenalties(P152900)',
      () => '{ pushedPenalties(platformCode: "P152900") { totalCount } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'FORBIDDEN' },
    ],
    [
      'project(Alxa) openings and evaluations',
      () => `{ project(id: "${alxaProject.id}") { bidOpenings { openedAt } evaluations { membersSealed members { expert { idNumber } } } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'ok', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    // Early warning (issue 13): supervisors and admin review; a warning outside a remit is
    // NOT_FOUND; a decided warning answers CONFLICT past the role check.
    [
      'warnings',
      () => '{ warnings(first: 1) { totalCount nodes { id summary } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'warningNetwork',
      () => '{ warningNetwork { truncated nodes { name } edges { kind } } }',
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'warning(Alxa)',
      () => `{ warning(id: "${warning.alxa.id}") { evidence project { code } entities { name } events { action actor } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'warning(Hohhot)',
      () => `{ warning(id: "${warning.hohhot.id}") { evidence } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'NOT_FOUND' },
    ],
    [
      'assignWarning(Alxa)',
      () => `mutation { assignWarning(id: "${warning.alxa.id}", assignee: "张科长") { status } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'commentOnWarning(Alxa)',
      () => `mutation { commentOnWarning(id: "${warning.alxa.id}", note: "已调取开标记录") { status } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    [
      'commentOnWarning(Hohhot)',
      () => `mutation { commentOnWarning(id: "${warning.hohhot.id}", note: "已调取开标记录") { status } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'FORBIDDEN', policy: 'FORBIDDEN', supervisorAlxaWorks: 'NOT_FOUND' },
    ],
    ...(['confirmWarning(id: $id, note: "确属串通")', 'dismissWarning(id: $id, reason: "误报")', 'referWarning(id: $id, to: "公安局")'] as const).flatMap(
      (step): Array<[string, () => string, Record<Who, string>]> => [
        [
          `${step.split('(')[0]}(decided Alxa)`,
          () => `mutation { ${step.replace('$id', `"${warning.alxaDecided.id}"`)} { status } }`,
          {
            none: 'UNAUTHENTICATED',
            admin: 'CONFLICT',
            platformAlxa: 'FORBIDDEN',
            platformHohhot: 'FORBIDDEN',
            credit: 'FORBIDDEN',
            policy: 'FORBIDDEN',
            supervisorAlxaWorks: 'CONFLICT',
          },
        ],
        [
          `${step.split('(')[0]}(decided Hohhot)`,
          () => `mutation { ${step.replace('$id', `"${warning.hohhotDecided.id}"`)} { status } }`,
          {
            none: 'UNAUTHENTICATED',
            admin: 'CONFLICT',
            platformAlxa: 'FORBIDDEN',
            platformHohhot: 'FORBIDDEN',
            credit: 'FORBIDDEN',
            policy: 'FORBIDDEN',
            supervisorAlxaWorks: 'NOT_FOUND',
          },
        ],
      ],
    ),
    [
      'entity confirmedWarnings',
      () => `{ entity(uscc: "${firm.uscc}") { confirmedWarnings { indicator summary } } }`,
      { none: 'UNAUTHENTICATED', admin: 'ok', platformAlxa: 'FORBIDDEN', platformHohhot: 'FORBIDDEN', credit: 'ok', policy: 'FORBIDDEN', supervisorAlxaWorks: 'ok' },
    ],
    // This hub runs without an analytics store: past the role check, the answer is ANALYTICS_UNAVAILABLE.
    [
      'statistics',
      () => '{ statistics(input: { measures: [PROJECTS], filter: { from: "2025-01-01", to: "2025-12-31" } }) { rows { period } } }',
      {
        none: 'UNAUTHENTICATED',
        admin: 'ANALYTICS_UNAVAILABLE',
        platformAlxa: 'FORBIDDEN',
        platformHohhot: 'FORBIDDEN',
        credit: 'FORBIDDEN',
        policy: 'ANALYTICS_UNAVAILABLE',
        supervisorAlxaWorks: 'ANALYTICS_UNAVAILABLE',
      },
    ],
    [
      'entityProfile',
      () => `{ entityProfile(uscc: "${firm.uscc}") { name } }`,
      {
        none: 'UNAUTHENTICATED',
        admin: 'ANALYTICS_UNAVAILABLE',
        platformAlxa: 'FORBIDDEN',
        platformHohhot: 'FORBIDDEN',
        credit: 'ANALYTICS_UNAVAILABLE',
        policy: 'FORBIDDEN',
        supervisorAlxaWorks: 'ANALYTICS_UNAVAILABLE',
      },
    ],
  ];

  for (const [operation, query, expected] of matrix) {
    it(`${operation}: ${ROLES.map((r) => `${r}=${expected[r]}`).join(', ')}`, async () => {
      const actual = Object.fromEntries(await Promise.all(ROLES.map(async (who) => [who, outcome(await call(who, query()))] as const)));
      expect(actual).toEqual(expected);
    });
  }

  it("lists only the projects within each key's remit", async () => {
    const visible = async (who: Who) => {
      const r = await call(who, `{ projects(filter: { text: "${f.tag}" }) { nodes { id } } }`);
      return r.data!.projects.nodes.map((n: { id: string }) => Number(n.id)).sort();
    };
    expect(await visible('admin')).toEqual([alxaProject.id, hohhotProject.id].sort());
    expect(await visible('platformAlxa')).toEqual([alxaProject.id]);
    expect(await visible('platformHohhot')).toEqual([hohhotProject.id]);
    expect(await visible('supervisorAlxaWorks')).toEqual([alxaProject.id]);
  });

  it('does not let a filter widen a remit', async () => {
    const r = await call('platformAlxa', `{ projects(filter: { text: "${f.tag}", platformCode: "P150100" }) { totalCount nodes { id } } }`);
    expect(r.data!.projects).toEqual({ totalCount: 0, nodes: [] });
  });

  it('refuses an unknown key and a revoked key with UNAUTHENTICATED and HTTP 401', async () => {
    const unknown = await hub.gql('{ regions { code } }', { key: 'prt_not-a-real-key' });
    expect([unknown.status, codes(unknown)]).toEqual([401, ['UNAUTHENTICATED']]);
    const { key, row } = await hub.services.apiKeys.create({ name: `${f.tag} short-lived`, role: 'admin' });
    expect(outcome(await hub.gql('{ regions { code } }', { key }))).toBe('ok');
    await hub.services.apiKeys.revoke(row.id);
    const revoked = await hub.gql('{ regions { code } }', { key });
    expect([revoked.status, codes(revoked)]).toEqual([401, ['UNAUTHENTICATED']]);
  });
});
