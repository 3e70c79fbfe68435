import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withAdvisoryLock } from '../src/db/advisory-lock';
import { openDatabase } from '../src/db/database';
import { runMigrations } from '../src/db/migrate';
import { pushDemo } from '../src/demo/push-demo';
import { createLogger } from '../src/server/logger';
import { openTestAnalytics } from './helpers/analytics';
import { createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';

/**
 * A pooler in transaction mode (Debian's pgbouncer, started by .ci/postgres.sh) between the
 * hub and Postgres: consecutive statements of one connection may reach different server
 * connections, so nothing may rely on session state. The hub's once-across-processes jobs
 * hold transaction locks, and its sync sets work_mem per transaction; proven here end to end.
 */
const bouncer = inject('pgbouncerUrl');

describe.skipIf(bouncer === null)('behind pgbouncer in transaction mode', () => {
  let bounced: string;
  let hub: TestHub;
  let analytics: Awaited<ReturnType<typeof openTestAnalytics>>;

  beforeAll(async () => {
    const direct = await isolatedDatabase('pgbouncer');
    const url = new URL(bouncer!);
    url.pathname = new URL(direct).pathname;
    bounced = url.toString();
    analytics = await openTestAnalytics();
    hub = await createTestHub({}, { databaseUrl: bounced, analytics: analytics.store, replicaUrls: [] });
  });
  afterAll(async () => {
    await hub?.close();
    await analytics?.close();
  });

  it('takes and gives back the once-only locks: a second taker is refused while one runs, and the next run gets it', async () => {
    const database = openDatabase({ url: bounced, poolMax: 4 });
    try {
      // Migrations take their lock through the pooler too (nothing left to apply: they ran).
      await runMigrations(database.pool);
      for (let run = 0; run < 20; run++) {
        const inner = await withAdvisoryLock(database.pool, 7_159_999, 'try', async () => {
          // Busy server connections, so the pooler hands out different ones.
          await Promise.all(Array.from({ length: 3 }, () => database.pool.query('select pg_sleep(0.001)')));
          return withAdvisoryLock(database.pool, 7_159_999, 'try', async () => 'taken twice');
        });
        expect(inner, `run ${run}`).toBeNull();
      }
      // Nothing left behind on any server connection: a direct session can take it at once.
      const direct = openDatabase({ url: inject('databaseUrl'), poolMax: 1 });
      try {
        const { rows } = await direct.pool.query<{ n: number }>(`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 7159999`);
        expect(rows[0]!.n).toBe(0);
      } finally {
        await direct.close();
      }
    } finally {
      await database.close();
    }
  });

  it('runs a hub through it: pushed batches commit, the analytics sync copies them and reconciles, early warning runs', async () => {
    const baseUrl = await hub.listen();
    const { key } = await hub.services.apiKeys.create({ name: 'pgbouncer admin', role: 'admin' });
    const summary = await pushDemo({ projects: 40, seed: 7, until: new Date('2026-06-30T12:00:00+08:00'), baseUrl, adminKey: key, log: createLogger('silent') });
    await hub.services.processor.idle();
    expect(summary.batches).toBeGreaterThan(0);
    expect(summary).toMatchObject({ rejected: 0, held: 0 });
    const batches = await hub.database.pool.query<{ status: string; n: number }>('select status, count(*)::int as n from batches group by status');
    expect(batches.rows).toEqual([{ status: 'committed', n: summary.batches }]);
    await hub.services.analytics.sync!.syncPending();
    const r = await hub.gql('{ analyticsReconciliation { pendingBatches differences { table day measure } } }', { key });
    expect(r.errors).toBeUndefined();
    expect(r.data!.analyticsReconciliation).toEqual({ pendingBatches: 0, differences: [] });
    await hub.services.warningRuns!.idle();
    const run = await hub.services.warningRuns!.runFull();
    expect(run.status).toBe('done');
  });
});
