import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { pushDemo, type DemoSummary } from '../src/demo/push-demo';
import { createLogger } from '../src/server/logger';
import { createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';

/**
 * Two hubs on one database, as two processes behind a balancer: each with its own services,
 * pipeline and memory, sharing only Postgres. The same region is pushed through both at
 * once, and the database must hold it once, as a single hub given it once does.
 */
const DEMO = { projects: 60, seed: 31, until: new Date('2026-06-30T12:00:00+08:00') };
const TABLES = [
  'entities',
  'projects',
  'notices',
  'bids',
  'awards',
  'contracts',
  'complaints',
  'penalties',
  'blacklist_entries',
  'entity_identifiers',
  'lots',
  'experts',
  'evaluation_committees',
  'credit_records',
];
const log = createLogger('silent');

let shared: string;
let single: string;
let a: TestHub;
let b: TestHub;
let one: TestHub;
let adminKey: string;
let baseA: string;
let baseB: string;
let viaA: DemoSummary;
let viaB: DemoSummary;
let viaOne: DemoSummary;

beforeAll(async () => {
  [shared, single] = await Promise.all([isolatedDatabase('two_hubs'), isolatedDatabase('two_hubs_single')]);
  [a, b, one] = await Promise.all([createTestHub({}, { databaseUrl: shared }), createTestHub({}, { databaseUrl: shared }), createTestHub({}, { databaseUrl: single })]);
  ({ key: adminKey } = await a.services.apiKeys.create({ name: 'two hubs admin', role: 'admin' }));
  const { key: singleKey } = await one.services.apiKeys.create({ name: 'single hub admin', role: 'admin' });
  let baseOne: string;
  [baseA, baseB, baseOne] = await Promise.all([a.listen(), b.listen(), one.listen()]);
  [viaA, viaB, viaOne] = await Promise.all([
    pushDemo({ ...DEMO, baseUrl: baseA, adminKey, log }),
    pushDemo({ ...DEMO, baseUrl: baseB, adminKey, log }),
    pushDemo({ ...DEMO, baseUrl: baseOne, adminKey: singleKey, log }),
  ]);
  await Promise.all([a.services.processor.idle(), b.services.processor.idle(), one.services.processor.idle()]);
}, 300_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), one?.close()]);
});

const counts = async (url: string) => {
  const database = openDatabase({ url, poolMax: 1 });
  try {
    const out: Record<string, number> = {};
    for (const table of TABLES) out[table] = (await database.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
    out.held = (await database.pool.query<{ n: number }>(`select count(*)::int as n from held_records where released_at is null`)).rows[0]!.n;
    return out;
  } finally {
    await database.close();
  }
};

describe('two hubs on one database', () => {
  it('holds a region pushed through both at once exactly as one hub given it once: one row per identifier, nothing held', async () => {
    const [twice, once] = await Promise.all([counts(shared), counts(single)]);
    expect(once.projects).toBe(60);
    expect(twice).toEqual(once);
    // Both hubs took every record and refused none; between them they stored each at least once
    // (a record both were writing at the same moment is written by each, the same row).
    for (const via of [viaA, viaB]) expect({ records: via.records, rejected: via.rejected }).toEqual({ records: viaOne.records, rejected: viaOne.rejected });
    expect(viaA.stored + viaB.stored).toBeGreaterThanOrEqual(viaOne.stored);
    expect(Math.min(viaA.stored, viaB.stored)).toBeGreaterThan(0);
  });

  it('keeps every batch of both, each committed once, with the ledger in order', async () => {
    const database = openDatabase({ url: shared, poolMax: 1 });
    try {
      const { rows } = await database.pool.query<{ status: string; n: number }>('select status, count(*)::int as n from batches group by status');
      expect(rows.map((r) => r.status)).toEqual(['committed']);
      expect(rows[0]!.n).toBe(viaA.batches + viaB.batches);
      const ledger = await a.gql('{ ledgerVerification { ok } }', { key: adminKey });
      expect(ledger.errors).toBeUndefined();
      expect(ledger.data!.ledgerVerification.ok).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('takes a dashboard session signed in on one hub on the other', async () => {
    const signIn = await fetch(`${baseA}/dashboards/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: adminKey }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const onB = await fetch(`${baseB}/dashboards/api/session`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { role: string }).role).toBe('admin');
  });

  it("counts a client's sign-in attempts on both together: the limit is the hub's, not each process's", async () => {
    const env = { DASHBOARD_SIGNIN_PER_MINUTE: '5', RATE_LIMIT_SCOPE: `pair-${Date.now()}` };
    const [x, y] = await Promise.all([createTestHub(env, { databaseUrl: shared }), createTestHub(env, { databaseUrl: shared })]);
    try {
      const attempt = (hub: TestHub, i: number) =>
        hub.app.inject({ method: 'POST', url: '/dashboards/api/session', remoteAddress: '192.0.2.77', payload: { key: `prt_guess-${i}` } });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await attempt(i % 2 === 0 ? x : y, i)).statusCode);
      // Five wrong keys in all, three on one process and two on the other; the sixth is refused.
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // Another hub on the same database (its own scope) counts its own.
      const apart = await createTestHub({ DASHBOARD_SIGNIN_PER_MINUTE: '5' }, { databaseUrl: shared });
      try {
        expect((await attempt(apart, 9)).statusCode).toBe(401);
      } finally {
        await apart.close();
      }
    } finally {
      await Promise.all([x.close(), y.close()]);
    }
  });
});
