import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type EntityRow, type ProjectRow } from './helpers/factories';
import { codes, createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';
import { makeWarning, type WarningRow } from './helpers/warnings';

// The graph of bidders the supervisors' page draws (issue 13, "For supervisors"): entities
// linked by fingerprint and co-bidding warnings, within a remit, capped at the most connected.

let hub: TestHub;
let f: Factory;
const keys: Record<string, string> = {};
let e: Record<'a' | 'b' | 'c' | 'person' | 'd' | 'e' | 'g' | 'h' | 'i' | 'j', EntityRow>;
let w: Record<'section' | 'ring' | 'hohhotSet' | 'dismissed' | 'prices', WarningRow>;
let hohhot: ProjectRow;

beforeAll(async () => {
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('warning_network') });
  f = new Factory(hub.database.db, hub.services);
  keys.admin = await f.key('admin');
  keys.alxa = await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', regions: ['152900'], categories: ['construction'] });
  keys.hohhot = await f.key('supervisor', { department: '呼和浩特市住房和城乡建设局', regions: ['150100'] });
  keys.policy = await f.key('policy');
  keys.credit = await f.key('credit');
  keys.platform = await f.key('platform', { platform: 'P152900' });
  e = {
    a: await f.entity(),
    b: await f.entity(),
    c: await f.entity(),
    person: await f.person(),
    d: await f.entity(),
    e: await f.entity(),
    g: await f.entity(),
    h: await f.entity(),
    i: await f.entity(),
    j: await f.entity(),
  };
  const alxa = await f.project({ platformCode: 'P152900', regionCode: '152921' });
  const alxa2 = await f.project({ platformCode: 'P152900' });
  hohhot = await f.project({ platformCode: 'P150100', regionCode: '150100' });
  const db = hub.database.db;
  const { a, b, c, person, d, g, h, i, j } = e;
  w = {
    // Three bidders of one section share a MAC, two of them an IP too.
    section: await makeWarning(db, {
      project: alxa,
      entityIds: [a.id, b.id, c.id],
      evidence: {
        shares: [
          { kind: 'mac', value: '00:1A:2B:3C:4D:5E', bidders: [a.id, b.id, c.id], bids: [11, 12, 13] },
          { kind: 'ip', value: '10.0.0.8', bidders: [a.id, b.id], bids: [11, 12] },
        ],
      },
    }),
    // A ring across projects; the ids as the analytics engine may quote 64-bit integers.
    ring: await makeWarning(db, {
      projects: [alxa2, alxa],
      indicator: 'fingerprint_ring',
      entityIds: [a.id, person.id],
      evidence: { kind: 'machine', value: 'MC-77', bidders: [String(a.id), String(person.id)], projects: [alxa2.id, alxa.id], bids: [11, 21] },
    }),
    hohhotSet: await makeWarning(db, {
      project: hohhot,
      indicator: 'recurring_bidder_set',
      severity: 'medium',
      entityIds: [d.id, e.e.id],
      evidence: { bidders: [d.id, e.e.id], projects: [hohhot.id], winners: [d.id] },
    }),
    dismissed: await makeWarning(db, {
      project: alxa,
      status: 'dismissed',
      entityIds: [g.id, h.id],
      evidence: { shares: [{ kind: 'file', value: 'ab12', bidders: [g.id, h.id], bids: [31, 32] }] },
    }),
    prices: await makeWarning(db, { project: alxa, indicator: 'identical_prices', entityIds: [i.id, j.id], evidence: { price: '1000.00', bidders: [i.id, j.id], bids: [41, 42] } }),
  };
});
afterAll(() => hub?.close());

const NETWORK = `query($filter: WarningFilter, $maxNodes: Int) { warningNetwork(filter: $filter, maxNodes: $maxNodes) {
  nodes { id name kind degree warnings } edges { source target kind warnings warningIds } totalNodes truncated } }`;

interface Network {
  nodes: Array<{ id: string; name: string; kind: string; degree: number; warnings: number }>;
  edges: Array<{ source: string; target: string; kind: string; warnings: number; warningIds: string[] }>;
  totalNodes: number;
  truncated: boolean;
}

async function network(who: string, variables: Record<string, unknown> = {}): Promise<Network> {
  const r = await hub.gql(NETWORK, { key: keys[who], variables });
  expect(r.errors).toBeUndefined();
  return r.data!.warningNetwork as Network;
}

const nodeIds = (n: Network) => n.nodes.map((x) => Number(x.id)).sort((x, y) => x - y);
const ids = (...rows: EntityRow[]) => rows.map((r) => r.id).sort((x, y) => x - y);
/** Edges as "a-b kind count", endpoints as entity keys of `e`, sorted. */
function edgeSet(n: Network): string[] {
  const name = (id: string) => Object.entries(e).find(([, row]) => row.id === Number(id))![0];
  return n.edges.map((x) => `${[name(x.source), name(x.target)].sort().join('-')} ${x.kind} ${x.warnings}`).sort();
}

describe('warningNetwork', () => {
  it('links the bidders of fingerprint and co-bidding warnings, by kind, and leaves out dismissed warnings and other indicators', async () => {
    const n = await network('admin');
    expect(nodeIds(n)).toEqual(ids(e.a, e.b, e.c, e.person, e.d, e.e));
    expect(edgeSet(n)).toEqual(['a-b ip 1', 'a-b mac 1', 'a-c mac 1', 'a-person machine 1', 'b-c mac 1', 'd-e co_bidding 1'].sort());
    expect(n.edges.find((x) => x.kind === 'machine')!.warningIds).toEqual([String(w.ring.id)]);
    expect(n).toMatchObject({ totalNodes: 6, truncated: false });
    // The most connected first: a is linked to b, c and the person.
    expect(n.nodes[0]).toMatchObject({ id: String(e.a.id), name: e.a.name, kind: 'organisation', degree: 3, warnings: 2 });
    const person = n.nodes.find((x) => x.id === String(e.person.id))!;
    expect(person).toMatchObject({ name: e.person.name, kind: 'person' });
    expect(JSON.stringify(n)).not.toContain(e.person.personIdNumber!);
  });

  it('shows a supervisor the warnings of its remit only', async () => {
    const alxa = await network('alxa');
    expect(nodeIds(alxa)).toEqual(ids(e.a, e.b, e.c, e.person));
    const hohhotNet = await network('hohhot');
    expect(nodeIds(hohhotNet)).toEqual(ids(e.d, e.e));
    // A filter narrows the remit and never widens it.
    expect((await network('alxa', { filter: { regionCode: '150100' } })).nodes).toEqual([]);
  });

  it('takes the queue filter: dismissed warnings when asked for, the indicators asked for, an entity', async () => {
    expect(nodeIds(await network('admin', { filter: { statuses: ['dismissed'] } }))).toEqual(ids(e.g, e.h));
    expect(nodeIds(await network('admin', { filter: { indicators: ['fingerprint_ring'] } }))).toEqual(ids(e.a, e.person));
    expect((await network('admin', { filter: { indicators: ['identical_prices'] } })).nodes).toEqual([]);
    expect(nodeIds(await network('admin', { filter: { entityId: String(e.person.id) } }))).toEqual(ids(e.a, e.person));
  });

  it('refuses the roles that do not review warnings', async () => {
    for (const who of ['policy', 'credit', 'platform']) expect(codes(await hub.gql(NETWORK, { key: keys[who] }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql(NETWORK))).toEqual(['UNAUTHENTICATED']);
    const bad = await hub.gql(NETWORK, { key: keys.admin, variables: { maxNodes: 301 } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'maxNodes' });
  });

  it('keeps the most-connected nodes and says so when capped, at a small cap and at 300', async () => {
    const small = await network('admin', { maxNodes: 2 });
    expect(small).toMatchObject({ totalNodes: 6, truncated: true });
    expect(small.nodes.map((x) => x.id)).toEqual([String(e.a.id), String(e.b.id)]);
    expect(edgeSet(small)).toEqual(['a-b ip 1', 'a-b mac 1']);

    // A star: one firm sharing an IP with 310 others, one ring warning each.
    const centre = await f.entity();
    const project = await f.project({ platformCode: 'P150100', regionCode: '150100' });
    for (let k = 0; k < 310; k++) {
      const other = await f.entity();
      await makeWarning(hub.database.db, {
        project,
        indicator: 'fingerprint_ring',
        entityIds: [centre.id, other.id],
        evidence: { kind: 'ip', value: `10.1.${k >> 8}.${k & 255}`, bidders: [centre.id, other.id], projects: [project.id], bids: [] },
      });
    }
    const star = await network('admin', { filter: { projectId: String(project.id) } });
    expect(star).toMatchObject({ totalNodes: 311, truncated: true });
    expect(star.nodes).toHaveLength(300);
    expect(star.nodes[0]).toMatchObject({ id: String(centre.id), degree: 310 });
    expect(star.edges).toHaveLength(299);
    for (const edge of star.edges) expect([edge.source, edge.target]).toContain(String(centre.id));
  });

  it('runs the example of docs/early-warning.md', async () => {
    const doc = await readFile(new URL('../docs/early-warning.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## The network of linked bidders'));
    const [, query] = /```graphql\n(.+?)```/s.exec(section)!;
    const [, variables] = /```json\n(.+?)```/s.exec(section)!;
    const r = await hub.gql(query!, { key: keys.alxa, variables: JSON.parse(variables!) as Record<string, unknown> });
    expect(r.errors).toBeUndefined();
    expect(r.data!.warningNetwork.nodes.map((x: { id: string }) => Number(x.id)).sort((x: number, y: number) => x - y)).toEqual(ids(e.a, e.b, e.c, e.person));
  });
});
