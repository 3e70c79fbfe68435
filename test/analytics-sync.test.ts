import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ANALYTICS_TABLES } from '../src/analytics/sync/tables';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';

let h: AnalyticsHub;

beforeAll(async () => {
  h = await analyticsHub('analytics_sync', { projects: 150, seed: 11 });
}, 180_000);
afterAll(async () => h?.close());

const count = async (sql: string) => (await h.store.select(sql, {}, z.object({ n: z.coerce.number() })))[0]!.n;

describe('analytics sync from Postgres', () => {
  it('applies the ClickHouse migrations once and records them', async () => {
    const rows = await h.store.select('SELECT name FROM hub_migrations ORDER BY name', {}, z.object({ name: z.string() }));
    expect(rows.map((r) => r.name)).toContain('0001_facts.sql');
  });

  it('copies every committed batch (the hub syncs after each one), and then reconciles with no difference', async () => {
    await h.hub.services.analytics.sync!.syncPending();
    const after = await h.hub.gql('{ analyticsReconciliation { pendingBatches differences { table day measure postgres analytics } tables { table postgresRows analyticsRows postgresAmount analyticsAmount } } }', {
      key: h.adminKey,
    });
    const r = after.data!.analyticsReconciliation;
    expect(r.pendingBatches).toBe(0);
    expect(r.differences).toEqual([]);
    const projects = r.tables.find((t: { table: string }) => t.table === 'projects');
    const pg = await h.hub.database.pool.query<{ n: number }>('select count(*)::int as n from projects');
    expect(projects.analyticsRows).toBe(pg.rows[0]!.n);
    expect(projects.postgresAmount).toBe(projects.analyticsAmount);
  });

  it('survives a sync that crashes midway: the re-run reconciles, with no row counted twice', async () => {
    // A new night's data: more projects, bids and awards from the same generator.
    const { pushDemo } = await import('../src/demo/push-demo');
    const { createLogger } = await import('../src/server/logger');
    await pushDemo({ projects: 40, seed: 12, until: new Date('2026-07-15T12:00:00+08:00'), baseUrl: h.baseUrl, adminKey: h.adminKey, log: createLogger('silent') });
    await h.hub.services.processor.idle();
    // The hub requested a sync after each batch; wait for it, then make more work for the crash.
    await h.hub.services.analytics.sync!.syncPending();
    await h.hub.database.pool.query(`update batches set analytics_synced_at = null where status = 'committed'`);
    // Background merges would collapse the copies before the test could see them were written twice.
    await h.store.command('SYSTEM STOP MERGES projects');

    await expect(
      h.hub.services.analytics.sync!.syncPending({
        afterTable: ({ table }) => {
          if (table === 'bids') throw new Error('simulated crash after the bids table');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const midway = await h.hub.services.analytics.reconcile({ keyId: 0, name: 't', role: 'admin', platformId: null, department: null, categoryCodes: null, regionCodes: null });
    expect(midway.pendingBatches).toBeGreaterThan(0);

    await h.hub.services.analytics.sync!.syncPending();
    const healed = await h.hub.services.analytics.reconcile({ keyId: 0, name: 't', role: 'admin', platformId: null, department: null, categoryCodes: null, regionCodes: null });
    expect(healed.pendingBatches).toBe(0);
    expect(healed.differences).toEqual([]);
    // Rows were written twice (before the crash and after); reads collapse them.
    for (const table of ANALYTICS_TABLES) {
      const pg = await h.hub.database.pool.query<{ n: number }>(`select count(*)::int as n from ${table.pgTable}`);
      expect(await count(`SELECT count() AS n FROM ${table.name} FINAL`), table.name).toBe(pg.rows[0]!.n);
    }
    expect(await count('SELECT count() AS n FROM projects')).toBeGreaterThan(await count('SELECT count() AS n FROM projects FINAL'));
    await h.store.command('SYSTEM START MERGES projects');
  });

  it('rebuilds the whole store from Postgres', async () => {
    const result = await h.hub.services.analytics.sync!.rebuild();
    const pg = await h.hub.database.pool.query<{ n: number }>('select count(*)::int as n from bids');
    expect(result.rows.bids).toBe(pg.rows[0]!.n);
    expect(await count('SELECT count() AS n FROM bids')).toBe(pg.rows[0]!.n);
    const r = await h.hub.services.analytics.reconcile({ keyId: 0, name: 't', role: 'admin', platformId: null, department: null, categoryCodes: null, regionCodes: null });
    expect(r.differences).toEqual([]);
  });

  it('names the table, day and figure where Postgres and the analytics store disagree', async () => {
    const { rows } = await h.hub.database.pool.query<{ id: string; day: string; budget: string }>(
      `select id, ((registered_at at time zone 'Asia/Shanghai')::date)::text as day, budget from projects where budget is not null order by id limit 1`,
    );
    const p = rows[0]!;
    // Behind the hub's back: no batch, so no sync picks it up.
    await h.hub.database.pool.query('update projects set budget = budget + 1 where id = $1', [p.id]);
    try {
      const r = await h.hub.gql('{ analyticsReconciliation { differences { table day measure postgres analytics } } }', { key: h.adminKey });
      expect(r.data!.analyticsReconciliation.differences).toEqual([
        { table: 'projects', day: p.day, measure: 'amount', postgres: expect.any(String), analytics: expect.any(String) },
      ]);
      const d = r.data!.analyticsReconciliation.differences[0];
      expect(Number(d.postgres) - Number(d.analytics)).toBeCloseTo(1, 2);
    } finally {
      await h.hub.database.pool.query('update projects set budget = budget - 1 where id = $1', [p.id]);
    }
  });

  it('keeps personal ID numbers out of the analytics store', async () => {
    const persons = await h.hub.database.pool.query<{ id: string }>(`select id from entities where kind = 'person' limit 5`);
    expect(persons.rows.length).toBeGreaterThan(0);
    const rows = await h.store.select(
      'SELECT uscc FROM entities FINAL WHERE entity_id IN {ids:Array(UInt64)}',
      { ids: persons.rows.map((r) => Number(r.id)) },
      z.object({ uscc: z.string().nullable() }),
    );
    expect(rows.length).toBe(persons.rows.length);
    for (const r of rows) expect(r.uscc).toBeNull();
  });
});
