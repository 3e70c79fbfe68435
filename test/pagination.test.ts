import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from './helpers/factories';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

const DAY = 86_400_000;
const PAGE = `query($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id projectCode } }
}`;

let hub: TestHub;
let f: Factory;
let admin: string;
const created: number[] = [];

beforeAll(async () => {
  hub = await createTestHub({ PAGE_SIZE_MAX: '50' });
  f = new Factory(hub.database.db, hub.services);
  admin = await f.key('admin');
  // Seven projects a day apart, two of them registered at the same instant.
  const base = Date.UTC(2025, 5, 1, 2);
  for (let i = 0; i < 7; i++) {
    const p = await f.project({ registeredAt: new Date(base + Math.min(i, 5) * DAY) });
    created.push(p.id);
  }
});
afterAll(() => hub.close());

describe('cursor pagination of projects', () => {
  it('walks every project exactly once, newest first, and says when it is done', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r = await hub.gql(PAGE, { key: admin, variables: { filter: { text: f.tag }, first: 3, after } });
      expect(r.errors).toBeUndefined();
      const page = r.data!.projects;
      expect(page.totalCount).toBe(7);
      seen.push(...page.nodes.map((n: { id: string }) => Number(n.id)));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    // Newest first; the two projects on the same instant come in descending id order.
    expect(seen).toEqual([created[6]!, created[5]!, created[4]!, created[3]!, created[2]!, created[1]!, created[0]!]);
  });

  it('uses the default page size when none is given', async () => {
    const r = await hub.gql(PAGE, { key: admin, variables: { filter: { text: f.tag } } });
    expect(r.data!.projects.nodes).toHaveLength(7);
  });

  it('refuses a page size over the maximum or below one, naming the argument', async () => {
    for (const first of [51, 0, -1]) {
      const r = await hub.gql(PAGE, { key: admin, variables: { first } });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0]!.extensions!.argument).toBe('first');
      expect(r.errors![0]!.message).toContain('between 1 and 50');
    }
  });

  it('refuses a cursor it did not make', async () => {
    const forged = Buffer.from(JSON.stringify(['v1', 'yesterday', 3])).toString('base64url');
    for (const after of ['not-a-cursor', forged]) {
      const r = await hub.gql(PAGE, { key: admin, variables: { after } });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0]!.extensions!.argument).toBe('after');
    }
  });
});

describe('project filters', () => {
  it('includes the banners and zones of a league when filtering by the league', async () => {
    const zone = await f.project({ platformCode: 'P152971', regionCode: '152973' });
    const other = await f.project({ platformCode: 'P150100', regionCode: '150100' });
    const inLeague = await hub.gql(PAGE, { key: admin, variables: { filter: { text: f.tag, regionCode: '152900' }, first: 50 } });
    const ids = inLeague.data!.projects.nodes.map((n: { id: string }) => Number(n.id));
    expect(ids).toContain(zone.id);
    expect(ids).not.toContain(other.id);
    const inZone = await hub.gql(PAGE, { key: admin, variables: { filter: { text: f.tag, regionCode: '152971' } } });
    expect(inZone.data!.projects.nodes.map((n: { id: string }) => Number(n.id))).toEqual([zone.id]);
  });

  it('filters by category and platform', async () => {
    const land = await f.project({ categoryCode: 'land_use_rights', platformCode: 'P152922', regionCode: '152922' });
    const byCategory = await hub.gql(PAGE, { key: admin, variables: { filter: { text: f.tag, categoryCodes: ['land_use_rights'] } } });
    expect(byCategory.data!.projects.nodes.map((n: { id: string }) => Number(n.id))).toEqual([land.id]);
    const byPlatform = await hub.gql(PAGE, { key: admin, variables: { filter: { text: f.tag, platformCode: 'P152922' } } });
    expect(byPlatform.data!.projects.nodes.map((n: { id: string }) => Number(n.id))).toEqual([land.id]);
  });

  it('counts registration days in China Standard Time', async () => {
    // 2025-06-03T02:00Z is 10:00 on 3 June in Beijing; 2025-06-02T17:00Z is 01:00 on 3 June.
    const lateNightUtc = await f.project({ registeredAt: new Date('2025-06-02T17:00:00Z') });
    const r = await hub.gql(PAGE, { key: admin, variables: { filter: { text: f.tag, registeredFrom: '2025-06-03', registeredTo: '2025-06-03' } } });
    const ids = r.data!.projects.nodes.map((n: { id: string }) => Number(n.id));
    expect(ids.sort()).toEqual([created[2]!, lateNightUtc.id].sort());
  });

  it('names the bad argument for an unknown region, category or platform, and a reversed range', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ regionCode: '159999' }, 'filter.regionCode'],
      [{ categoryCodes: ['construction', 'lottery'] }, 'filter.categoryCodes[1]'],
      [{ platformCode: 'P000000' }, 'filter.platformCode'],
      [{ registeredFrom: '2025-07-01', registeredTo: '2025-06-01' }, 'filter.registeredFrom'],
    ];
    for (const [filter, argument] of cases) {
      const r = await hub.gql(PAGE, { key: admin, variables: { filter } });
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0]!.extensions!.argument).toBe(argument);
    }
  });

  it('refuses an impossible date such as 30 February', async () => {
    const r = await hub.gql(PAGE, { key: admin, variables: { filter: { registeredFrom: '2025-02-30' } } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toContain('2025-02-30');
  });
});
