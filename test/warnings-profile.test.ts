import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestAnalytics } from './helpers/analytics';
import { Factory, type EntityRow } from './helpers/factories';
import { codes, createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';
import { makeWarning, type WarningRow } from './helpers/warnings';

// An entity's profile (entityProfile, from the analytics store) carries the warnings
// supervisors confirmed about it, for the roles that read profiles: credit platforms see
// what review found, never the evidence behind it.

let hub: TestHub;
let analytics: Awaited<ReturnType<typeof openTestAnalytics>>;
const keys: Record<string, string> = {};
let firm: EntityRow;
let confirmed: WarningRow;

beforeAll(async () => {
  analytics = await openTestAnalytics();
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('warnings_profile'), analytics: analytics.store });
  const f = new Factory(hub.database.db, hub.services);
  for (const role of ['credit', 'policy', 'admin'] as const) keys[role] = await f.key(role);
  keys.supervisor = await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', regions: ['152900'], categories: ['construction'] });
  firm = await f.entity();
  const project = await f.project({ platformCode: 'P150100', regionCode: '150100' });
  const db = hub.database.db;
  confirmed = await makeWarning(db, { project, entityIds: [firm.id], status: 'confirmed', indicator: 'fingerprint_ring', summary: '三家投标人跨五个项目共用同一 MAC 地址' });
  await makeWarning(db, { project, entityIds: [firm.id] });
  await makeWarning(db, { project, entityIds: [firm.id], status: 'dismissed' });
  await hub.services.analytics.sync!.rebuild();
}, 120_000);
afterAll(async () => {
  await hub?.close();
  await analytics?.close();
});

const PROFILE = (uscc: string) => `{ entityProfile(uscc: "${uscc}") { name confirmedWarnings { id indicator severity summary decidedAt projectId } } }`;

it('shows the confirmed warnings on the profile to credit, supervisor and admin keys, and nothing of the others', async () => {
  const expected = {
    name: firm.name,
    confirmedWarnings: [
      {
        id: String(confirmed.id),
        indicator: 'fingerprint_ring',
        severity: 'high',
        summary: '三家投标人跨五个项目共用同一 MAC 地址',
        decidedAt: confirmed.decidedAt!.toISOString(),
        projectId: String(confirmed.projectId),
      },
    ],
  };
  for (const who of ['credit', 'supervisor', 'admin']) {
    const r = await hub.gql(PROFILE(firm.uscc!), { key: keys[who] });
    expect(r.errors, who).toBeUndefined();
    expect(r.data!.entityProfile, who).toEqual(expected);
  }
  expect(codes(await hub.gql(PROFILE(firm.uscc!), { key: keys.policy }))).toEqual(['FORBIDDEN']);
});
