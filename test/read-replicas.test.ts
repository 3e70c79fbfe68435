import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory, type EntityRow } from './helpers/factories';
import { unusedPort } from './helpers/ports';
import { ndjson, Records } from './helpers/records';
import { createTestHub, isolatedDatabase, replicasOf, type TestHub } from './helpers/test-hub';

/**
 * Reads that may lag go to a streaming replica; a replica that falls behind, goes away or is
 * not a standby is skipped and the read is served by the primary; what must read its own
 * writes (a receipt) never goes there. The replica cases need the CI's Debian primary and
 * replica (.ci/postgres.sh: DATABASE_URL and DATABASE_REPLICA_URLS); the others run anywhere.
 */

const CHECK = `query($codes: [String!]!) { creditStatus(codes: $codes) { code known blacklisted } }`;
const STATUS = `{ databaseStatus { maxReplicaLagSeconds replicas { name serving lagSeconds skippedBecause checkedAt } } }`;
const PROJECTS = `query($text: String!) { projects(filter: { text: $text }) { totalCount } }`;

const hubs: TestHub[] = [];
afterAll(async () => {
  for (const hub of hubs) await hub.close();
});

async function hubWith(env: Record<string, string>, url: string, replicaUrls: string[], replica: { maxLagMs: number; checkEveryMs: number }) {
  const hub = await createTestHub(env, { databaseUrl: url, replicaUrls, replica });
  hubs.push(hub);
  return hub;
}

type Replica = { name: string; serving: boolean; lagSeconds: number | null; skippedBecause: string | null };

async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('read replicas that cannot serve are skipped (any Postgres)', () => {
  let url: string;
  let f: Factory;
  let entity: EntityRow;
  let hub: TestHub;
  let admin: string;
  let credit: string;

  beforeAll(async () => {
    url = await isolatedDatabase('replica_skip');
    // One replica that is gone (nothing listens on its port), one that is the primary itself.
    const gone = new URL(url);
    gone.port = String(await unusedPort());
    hub = await hubWith({}, url, [gone.toString(), url], { maxLagMs: 10_000, checkEveryMs: 200 });
    f = new Factory(hub.database.db, hub.services);
    admin = await f.key('admin');
    credit = await f.key('credit');
    entity = await f.entity();
    await f.blacklistEntry(entity, { startsOn: '2025-01-01' });
  });

  it('answers credit lookups from the primary, and says which replica is skipped and why', async () => {
    const r = await hub.gql(CHECK, { key: credit, variables: { codes: [entity.uscc!] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.creditStatus[0]).toMatchObject({ known: true, blacklisted: true });
    const status = await hub.gql(STATUS, { key: admin });
    expect(status.errors).toBeUndefined();
    const [gone, self] = status.data!.databaseStatus.replicas as Replica[];
    expect(gone).toMatchObject({ serving: false, lagSeconds: null });
    expect(gone!.skippedBecause).toMatch(/does not answer/);
    expect(self).toMatchObject({ serving: false });
    expect(self!.skippedBecause).toMatch(/not a standby/);
    // host:port/database only: no credentials in the status.
    expect(status.raw).not.toMatch(/postgres(ql)?:\/\//);
    expect(status.data!.databaseStatus.maxReplicaLagSeconds).toBe(10);
  });

  it('is for admin keys only', async () => {
    const r = await hub.gql(STATUS, { key: credit });
    expect(r.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

const replicas = inject('databaseReplicaUrls');

describe.skipIf(replicas.length === 0)('a streaming replica (CI: Debian primary and replica)', () => {
  let url: string;
  let replicaUrl: string;
  let f: Factory;
  let tolerant: TestHub;
  let strict: TestHub;
  let admin: string;
  let credit: string;
  let platform: string;
  let replayControl: pg.Client;

  beforeAll(async () => {
    url = await isolatedDatabase('replica_lag');
    replicaUrl = replicasOf(url)[0]!;
    // The CI primary waits for the replica to apply each commit; these hubs' sessions do not,
    // so that the replica can be held behind them.
    const local = new URL(url);
    local.searchParams.set('options', '-c synchronous_commit=local');
    tolerant = await hubWith({}, local.toString(), [replicaUrl], { maxLagMs: 3_600_000, checkEveryMs: 200 });
    strict = await hubWith({}, local.toString(), [replicaUrl], { maxLagMs: 1_000, checkEveryMs: 200 });
    f = new Factory(tolerant.database.db, tolerant.services);
    admin = await f.key('admin');
    credit = await f.key('credit');
    platform = await f.key('platform', { platform: 'P152900' });
    replayControl = new pg.Client({ connectionString: replicaUrl });
    await replayControl.connect();
  });
  afterAll(async () => {
    await replayControl?.query('select pg_wal_replay_resume()').catch(() => undefined);
    await replayControl?.end();
  });

  const serving = (hub: TestHub) =>
    until(
      'replica serving',
      async () => ((await hub.gql(STATUS, { key: admin })).data!.databaseStatus.replicas as Replica[])[0]!,
      (r) => r.serving,
    );

  it('serves lag-tolerant reads from a replica within its allowed lag, and skips it past that lag; receipts always read the primary', async () => {
    const entity = await f.entity();
    await serving(tolerant);
    await serving(strict);
    const blacklisted = async (hub: TestHub) => (await hub.gql(CHECK, { key: credit, variables: { codes: [entity.uscc!] } })).data!.creditStatus[0].blacklisted;
    expect(await blacklisted(tolerant)).toBe(false);

    await replayControl.query('select pg_wal_replay_pause()');
    try {
      await f.blacklistEntry(entity, { startsOn: '2025-01-01' });
      const r = new Records();
      const project = r.project();
      const receipt = await pushBatch(ndjson([project]), { baseUrl: await tolerant.listen(), key: platform, idempotencyKey: `replica-${r.tag}` });

      // The receipt right after sealing: from the primary, whatever the replica has replayed.
      expect(receipt).toMatchObject({ status: 'committed', counts: { stored: 1 } });
      // A replica allowed an hour's lag still serves, so the new listing is not seen there yet...
      expect(await blacklisted(tolerant)).toBe(false);
      expect((await tolerant.gql(PROJECTS, { key: platform, variables: { text: r.tag } })).data!.projects.totalCount).toBe(0);
      // ...while the hub allowed one second skips it once it is further behind, and reads the primary.
      const skipped = await until(
        'replica skipped',
        async () => ((await strict.gql(STATUS, { key: admin })).data!.databaseStatus.replicas as Replica[])[0]!,
        (s) => !s.serving,
      );
      expect(skipped.skippedBecause).toMatch(/s behind, more than the 1 s allowed/);
      expect(await blacklisted(strict)).toBe(true);
      expect((await strict.gql(PROJECTS, { key: platform, variables: { text: r.tag } })).data!.projects.totalCount).toBe(1);
    } finally {
      await replayControl.query('select pg_wal_replay_resume()');
    }
    // Caught up again: served again, and the replica has the listing.
    await serving(strict);
    expect(await blacklisted(tolerant)).toBe(true);
  });

  it('sends a read to the primary when its replica goes away between two checks, and skips the replica from then on', async () => {
    // The replica behind a TCP relay this test can cut.
    const target = new URL(replicaUrl);
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayed = new URL(replicaUrl);
    relayed.port = String((relay.address() as net.AddressInfo).port);
    const hub = await hubWith({}, url, [relayed.toString()], { maxLagMs: 10_000, checkEveryMs: 60_000 });
    const hf = new Factory(hub.database.db, hub.services);
    const key = await hf.key('credit');
    const adminKey = await hf.key('admin');
    const entity = await hf.entity();
    await until(
      'replica serving',
      async () => ((await hub.gql(STATUS, { key: adminKey })).data!.databaseStatus.replicas as Replica[])[0]!,
      (s) => s.serving,
    );

    relay.close();
    for (const s of sockets) s.destroy();
    const r = await hub.gql(CHECK, { key, variables: { codes: [entity.uscc!] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.creditStatus[0]).toMatchObject({ known: true });
    const status = hub.database.replicas!.statuses()[0]!;
    expect(status.serving).toBe(false);
    expect(status.skippedBecause).toMatch(/does not answer/);
  });
});
