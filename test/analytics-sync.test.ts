import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobConfig } from '../etl/job-config';
import { runJob } from '../etl/runner';
import { ANALYTICS_TABLES } from '../src/analytics/sync/tables';
import { createLogger } from '../src/server/logger';
import { ndjson, Records } from './helpers/records';
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
    const after = await h.hub.gql(
      '{ analyticsReconciliation { pendingBatches differences { table day measure postgres analytics } tables { table postgresRows analyticsRows postgresAmount analyticsAmount } } }',
      {
        key: h.adminKey,
      },
    );
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

  it('syncs a batch an ETL job loaded as soon as it commits, as it does a pushed one, without waiting for the schedule', async () => {
    await h.hub.services.analytics.sync!.syncPending();
    const dir = await mkdtemp(path.join(tmpdir(), 'hub-etl-sync-'));
    try {
      const r = new Records();
      const folder = path.join(dir, 'landing');
      await mkdir(folder);
      const p = r.project();
      await writeFile(path.join(folder, 'a.ndjson'), `${ndjson([p]).join('\n')}\n`);
      const job = {
        name: `etl-sync-${r.tag.toLowerCase()}`,
        kind: 'landing_folder',
        platform: 'P152900',
        folder,
        schedule: '0 * * * *',
        enabled: true,
        timeoutSeconds: 60,
        retries: 0,
      } as JobConfig;
      // The context the hub's scheduler gives its jobs (src/main.ts).
      const ctx = {
        database: h.hub.database,
        registry: h.hub.registry,
        log: createLogger('silent'),
        limits: { maxPartBytes: 1e9, maxRatio: 100 },
        secret: () => undefined,
        onCommitted: h.hub.services.batchCommitted,
      };
      expect(await runJob(ctx, job, 'manual')).toMatchObject({ status: 'succeeded', stored: 1 });
      // Nobody calls the sync here: the committed batch asked for it.
      const pending = async () =>
        (await h.hub.database.pool.query<{ n: number }>(`select count(*)::int as n from batches where status = 'committed' and analytics_synced_at is null`)).rows[0]!.n;
      for (let waited = 0; (await pending()) > 0 && waited < 20_000; waited += 200) await new Promise((done) => setTimeout(done, 200));
      expect(await pending()).toBe(0);
      const stored = await h.hub.database.pool.query<{ id: string }>('select id from projects where project_code = $1', [p.projectCode]);
      expect(await count(`SELECT count() AS n FROM projects FINAL WHERE project_id = ${Number(stored.rows[0]!.id)}`)).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
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
