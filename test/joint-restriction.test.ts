import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from './helpers/factories';
import { createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let projectId: number;

const QUERY = (id: number) => `{ project(id: "${id}") { jointRestrictionFlags
  bids { bidder { name } jointRestrictions { listType startsOn } }
  awards { winner { name } jointRestrictions { listType } } } }`;

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  const listed = await f.entity({ name: `${f.tag} 失信企业` });
  const repaired = await f.entity({ name: `${f.tag} 已修复企业` });
  const clean = await f.entity({ name: `${f.tag} 守信企业` });
  await f.blacklistEntry(listed, { listType: 'market_ban', startsOn: '2025-01-01' });
  await f.blacklistEntry(repaired, { startsOn: '2025-01-01', removedOn: '2025-06-01', removalReason: '信用修复' });
  const project = await f.project();
  projectId = project.id;
  await f.bid(project, listed);
  await f.bid(project, repaired);
  await f.bid(project, clean);
  await f.award(project, listed);
});
afterAll(async () => hub?.close());

describe('joint restriction (联合惩戒)', () => {
  it('flags the bids and awards of entities blacklisted on the day, for supervisors', async () => {
    const key = await f.key('supervisor', { department: '阿拉善盟发展和改革委员会', regions: ['152900'] });
    const r = await hub.gql(QUERY(projectId), { key });
    expect(r.errors).toBeUndefined();
    const p = r.data!.project;
    expect(p.jointRestrictionFlags).toBe(2);
    const byName = Object.fromEntries(
      p.bids.map((b: { bidder: { name: string }; jointRestrictions: unknown[] }) => [b.bidder.name.replace(`${f.tag} `, ''), b.jointRestrictions.length]),
    );
    expect(byName).toEqual({ 失信企业: 1, 已修复企业: 0, 守信企业: 0 });
    expect(p.awards[0].jointRestrictions).toEqual([{ listType: 'market_ban' }]);
  });

  it('counts no sealed bid for a supervisor: the flags of a project before its bid opening are its awards alone (finding 7)', async () => {
    const listed = await f.entity({ name: `${f.tag} 失信投标人` });
    await f.blacklistEntry(listed, { listType: 'market_ban', startsOn: '2025-01-01' });
    const project = await f.project({ bidOpeningAt: new Date(Date.now() + 5 * 86_400_000) });
    await f.bid(project, listed);
    await f.bid(project, await f.entity());
    const flags = async (key: string) => (await hub.gql(`{ project(id: "${project.id}") { bidsSealed jointRestrictionFlags } }`, { key })).data!.project;
    const supervisor = await f.key('supervisor', { department: '阿拉善盟发展和改革委员会', regions: ['152900'] });
    expect(await flags(supervisor)).toEqual({ bidsSealed: true, jointRestrictionFlags: 0 });
    // Admin sees sealed bids, and so their flags.
    expect(await flags(await f.key('admin'))).toEqual({ bidsSealed: false, jointRestrictionFlags: 1 });
  });

  it('shows no flags to a platform key, whose record it is but whose business credit findings are not', async () => {
    const key = await f.key('platform', { platform: 'P152900' });
    const r = await hub.gql(QUERY(projectId), { key });
    expect(r.errors).toBeUndefined();
    expect(r.data!.project.jointRestrictionFlags).toBeNull();
    expect(r.data!.project.awards[0].jointRestrictions).toBeNull();
  });
});
