import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushBatch } from '../src/ingestion/push-client';
import { HUB_LEAGUES } from '../src/registry/reference-data';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

// Issue 12: the hub knows every county of Inner Mongolia (and of China), so a league
// platform's county-level projects are stored, not refused as unknown regions.

let hub: TestHub;
let f: Factory;
let baseUrl: string;
let admin: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  f = new Factory(hub.database.db, hub.services);
  admin = await f.key('admin');
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const push = async (platform: string, records: object[]) =>
  pushBatch(ndjson(records), { baseUrl, key: await f.key('platform', { platform }), idempotencyKey: `${f.tag}-${Math.random()}` });

const STORED = `query($text: String!) { projects(filter: { text: $text }) { nodes { title region { code name } initiator { uscc } } } }`;
const storedRegions = async (r: Records) => {
  const q = await hub.gql(STORED, { key: admin, variables: { text: r.tag } });
  expect(q.errors).toBeUndefined();
  return (q.data!.projects.nodes as Array<{ title: string; region: { code: string; name: string } }>).map((p) => [p.title, p.region.code]).sort();
};
const REJECTIONS = `query($id: ID!) { batch(id: $id) { rejections(first: 5) { nodes { recordId errors { path code } } } } }`;

describe('county-level regions in pushes', () => {
  it("stores, for every league and city, its centre's project placed in one of its counties", async () => {
    const r = new Records();
    const placed: Array<[string, string]> = [];
    for (const league of HUB_LEAGUES) {
      const counties = hub.registry.regions.children(league.code).filter((c) => c.level === 'county');
      expect(counties.length, league.name).toBeGreaterThan(0);
      const county = counties[counties.length - 1]!;
      const project = r.project({ region: county.code, title: `${r.tag} ${county.name}项目` });
      const receipt = await push(`P${league.code}`, [project]);
      expect(receipt.counts, `${league.name} ${county.code}`).toMatchObject({ stored: 1, rejected: 0 });
      placed.push([project.title, county.code]);
    }
    expect(placed).toHaveLength(12);
    expect(await storedRegions(r)).toEqual(placed.sort());
  });

  it("stores a renamed code as today's code: 152801 临河市 is 150802 临河区", async () => {
    const r = new Records();
    const receipt = await push('P150800', [r.project({ region: '152801' })]);
    expect(receipt.counts).toMatchObject({ stored: 1, rejected: 0 });
    const q = await hub.gql(STORED, { key: admin, variables: { text: r.tag } });
    expect(q.data!.projects.nodes[0].region).toEqual({ code: '150802', name: '临河区' });
  });

  it("accepts a party of another province, but no project outside the hub's region", async () => {
    const r = new Records();
    const shenzhen = { uscc: '9144030071526726XG', name: `${r.tag} 深圳供应商`, region: '440305' };
    const inside = r.project({ initiator: shenzhen });
    const outside = r.project({ region: '440305' });
    const receipt = await push('P150000', [inside, outside]);
    expect(receipt.counts).toMatchObject({ stored: 1, rejected: 1 });
    const q = await hub.gql(REJECTIONS, { key: admin, variables: { id: receipt.id } });
    expect(q.data!.batch.rejections.nodes).toEqual([{ recordId: outside.id, errors: [{ path: 'region', code: 'FORBIDDEN' }] }]);
    expect(await storedRegions(r)).toEqual([[inside.title, '152921']]);
  });
});

describe('the region tree through GraphQL', () => {
  it("lists all of China's regions, or the hub's own with within", async () => {
    const all = await hub.gql('{ regions { code } }', { key: admin });
    expect(all.errors).toBeUndefined();
    expect(all.data!.regions.length).toBeGreaterThan(3300);
    const own = await hub.gql('{ regions(within: "150000") { code level } }', { key: admin });
    const levels = (own.data!.regions as Array<{ level: string }>).map((r) => r.level);
    expect(levels.filter((l) => l === 'league')).toHaveLength(12);
    expect(levels.filter((l) => l === 'county')).toHaveLength(103);
    expect(own.data!.regions[0].code).toBe('150000');
  });
});
