import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clusterStatements, truncateStatement } from '../src/analytics/cluster';
import { CLICKHOUSE_MIGRATIONS_FOLDER, splitStatements } from '../src/analytics/migrate';
import { openDatabase } from '../src/db/database';
import { pushDemo } from '../src/demo/push-demo';
import { createLogger } from '../src/server/logger';
import { analyticsHub, type AnalyticsHub } from './helpers/analytics';
import { freePort, runTs, startServer, type Server } from './helpers/processes';
import { ALL_MEASURES, STATS_QUERY } from './helpers/statistics-questions';
import { isolatedDatabase } from './helpers/test-hub';

/**
 * ClickHouse as a cluster (CLICKHOUSE_CLUSTER). No ClickHouse server new enough installs on
 * these machines, so what can be proven here is proven with the embedded engine itself:
 * the cluster DDL a server would run is parsed by the engine (formatQuery), and a hub runs
 * its sync, early warning, reconciliation and statistics through Distributed tables over a
 * one-shard cluster of the embedded engine, answering as a single node does.
 */
const CLUSTER = { name: 'hub', replicated: true };
const DEMO = { projects: 150, seed: 23 };
const UNTIL = new Date('2026-06-30T12:00:00+08:00');
/** Every warning the demo region can raise (the statistics' longest range). */
const WHOLE_RANGE = { from: '2016-07-01', to: '2026-06-30' };
const ROOT = path.resolve(__dirname, '..');

let h: AnalyticsHub;
beforeAll(async () => {
  h = await analyticsHub('cluster', DEMO);
}, 240_000);
afterAll(async () => h?.close());

/** The engine's own rendering of a statement (it throws on one it cannot parse). */
const formatted = async (statement: string) => {
  const [row] = await h.store.select('SELECT formatQuery({q:String}) AS f', { q: statement }, z.object({ f: z.string() }));
  return row!.f.replace(/\s+/g, ' ');
};

describe('the cluster DDL', () => {
  it('turns every migration into Replicated local tables and Distributed tables ON CLUSTER, sharded by the replacing key, and the engine parses all of it', async () => {
    const files = (await readdir(CLICKHOUSE_MIGRATIONS_FOLDER)).filter((f) => f.endsWith('.sql')).sort();
    const created: string[] = [];
    let statements = 0;
    for (const file of files) {
      for (const statement of splitStatements(await readFile(path.join(CLICKHOUSE_MIGRATIONS_FOLDER, file), 'utf8'))) {
        const placed = clusterStatements(statement, CLUSTER);
        expect(placed, `${file}: ${statement}`).toHaveLength(2);
        const [first, second] = await Promise.all(placed.map(formatted));
        statements += 2;
        for (const f of [first!, second!]) expect(f, file).toContain(' ON CLUSTER hub ');
        const create = /^CREATE TABLE IF NOT EXISTS (\w+) [\s\S]*ENGINE = (\w+)(?:\((\w*)\))? ORDER BY (\w+)$/.exec(statement.replace(/\s+/g, ' '));
        if (create) {
          const [, table, engine, version, key] = create;
          created.push(table!);
          const args = [`'/clickhouse/tables/{shard}/{database}/${table}_local'`, `'{replica}'`, ...(version ? [version] : [])].join(', ');
          expect(first).toMatch(new RegExp(`^CREATE TABLE IF NOT EXISTS ${table}_local ON CLUSTER hub .*ENGINE = Replicated${engine}\\(${escape(args)}\\) ORDER BY ${key}$`));
          // Every version of a row goes to one shard, so FINAL collapses them there.
          expect(second).toBe(
            `CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER hub AS ${table}_local ENGINE = Distributed(hub, currentDatabase(), ${table}_local, cityHash64(${key}))`,
          );
        } else {
          const [, table, verb] = /^ALTER TABLE (\w+) (ADD|DROP)/.exec(statement)!;
          // Added where the rows are before the reading table names it; dropped from the reading table first.
          const order = verb === 'ADD' ? [`${table}_local`, table] : [table, `${table}_local`];
          expect([first, second].map((f) => /^ALTER TABLE (\w+)/.exec(f!)![1])).toEqual(order);
        }
      }
    }
    expect(created.sort()).toEqual(['awards', 'bids', 'bids_staging', 'blacklist_entries', 'complaints', 'contracts', 'entities', 'penalties', 'projects', 'warnings']);
    expect(statements).toBeGreaterThan(60);
    expect(await formatted(truncateStatement('bids_staging', CLUSTER))).toBe('TRUNCATE TABLE IF EXISTS bids_staging_local ON CLUSTER hub');
  });

  it('refuses a statement it cannot place on a cluster, naming it', () => {
    expect(() => clusterStatements('CREATE TABLE t (a UInt8) ENGINE = Memory', CLUSTER)).toThrow(/cannot place this statement on a cluster.*CREATE TABLE t/);
    expect(() => clusterStatements('CREATE TABLE IF NOT EXISTS t (a UInt8) ENGINE = Log ORDER BY a', CLUSTER)).toThrow(/table t uses Log, not a MergeTree engine/);
    expect(() => clusterStatements('ALTER TABLE t MODIFY COLUMN a UInt16', CLUSTER)).toThrow(/cannot place/);
  });

  it('refuses a CLICKHOUSE_CLUSTER the engine does not define, in words, before any DDL', async () => {
    const run = await runTs('src/cli/main.ts', ['analytics', 'status'], { DATABASE_URL: h.databaseUrl, CLICKHOUSE_CLUSTER: 'nowhere' });
    expect(run.stdout).toBe('');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("CLICKHOUSE_CLUSTER is 'nowhere', but ClickHouse at");
    expect(run.stderr).toContain('has no cluster of that name in its remote_servers');
  });
});

describe('a hub on a one-shard cluster of the embedded engine', () => {
  let dir: string;
  let server: Server;
  let port: number;
  let databaseUrl: string;
  let clusterKey: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'prt-hub-test-cluster-'));
    await chmod(dir, 0o755);
    // The embedded engine reads config.xml from its working folder: one shard, one replica,
    // itself (the shard is this engine because the port is its own tcp_port).
    await writeFile(
      path.join(dir, 'config.xml'),
      `<clickhouse>
  <tcp_port>9000</tcp_port>
  <remote_servers><hub><shard><replica><host>localhost</host><port>9000</port></replica></shard></hub></remote_servers>
</clickhouse>\n`,
    );
    port = freePort();
    // The hub runs on a database of its own, through Distributed tables; the same region is
    // pushed to it as to the single-node hub, over HTTP, each batch synced and early warning
    // run after it as in production.
    databaseUrl = await isolatedDatabase('cluster-node');
    server = startServer(
      {
        DATABASE_URL: databaseUrl,
        CLICKHOUSE_CLUSTER: 'hub',
        CLICKHOUSE_EMBEDDED_DIR: path.join(dir, 'clickhouse'),
        ETL_JOBS_FILE: path.join(ROOT, 'etl/jobs.json'),
        WARNING_THRESHOLDS_FILE: path.join(ROOT, 'config/warning-thresholds.json'),
        PORT: String(port),
        LOG_FORMAT: 'json',
      },
      { cwd: dir },
    );
    const issued = await runTs('src/cli/main.ts', ['keys', 'create', '--role', 'admin', '--name', 'cluster test admin'], { DATABASE_URL: databaseUrl });
    clusterKey = issued.stdout.trim();
    await server.waitFor(/The hub is ready\./, 180_000);
    await pushDemo({ ...DEMO, until: UNTIL, baseUrl: cluster(), adminKey: clusterKey, log: createLogger('silent') });
    // The single node's answers to compare with, from the same region.
    await h.hub.services.analytics.sync!.syncPending();
    await h.hub.services.warningRuns!.idle();
    // The cluster hub syncs and runs early warning after each batch: wait until it has caught
    // up, every batch synced and its warnings counted as its Postgres holds them, twice running.
    const database = openDatabase({ url: databaseUrl, poolMax: 1 });
    try {
      let settled = 0;
      for (let tries = 0; settled < 2; tries++) {
        const { analyticsStatus } = await ask(cluster(), '{ analyticsStatus { pendingBatches } }');
        const { statistics } = await ask(cluster(), STATS_QUERY, { input: { measures: ['WARNINGS'], filter: WHOLE_RANGE } });
        const { rows } = await database.pool.query<{ n: number }>('select count(*)::int as n from warnings');
        settled = analyticsStatus.pendingBatches === 0 && statistics.rows[0].values[0].value === rows[0]!.n ? settled + 1 : 0;
        if (tries > 240) throw new Error(`the cluster hub did not catch up: ${JSON.stringify({ analyticsStatus, statistics, postgres: rows[0] })}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      await database.close();
    }
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const ask = async (base: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${base === h.baseUrl ? h.adminKey : clusterKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const cluster = () => `http://127.0.0.1:${port}`;

  it('keeps every analytics table behind a Distributed table, and says so in its status', async () => {
    const { analyticsStatus } = await ask(cluster(), '{ analyticsStatus { engine pendingBatches cluster { name shards replicas distributedTables } } }');
    expect(analyticsStatus).toEqual({
      engine: 'embedded',
      pendingBatches: 0,
      cluster: {
        name: 'hub',
        shards: 1,
        replicas: 1,
        distributedTables: ['awards', 'bids', 'bids_staging', 'blacklist_entries', 'complaints', 'contracts', 'entities', 'hub_migrations', 'penalties', 'projects', 'warnings'],
      },
    });
    const single = await ask(h.baseUrl, '{ analyticsStatus { cluster { name } } }');
    expect(single.analyticsStatus.cluster).toBeNull();
  });

  it('agrees with Postgres table by table and day by day, reading through FINAL on the Distributed tables', async () => {
    const { analyticsReconciliation: r } = await ask(cluster(), '{ analyticsReconciliation { differences { table day measure } tables { table postgresRows analyticsRows } } }');
    expect(r.differences).toEqual([]);
    const bids = r.tables.find((t: { table: string }) => t.table === 'bids');
    expect(bids.analyticsRows).toBe(bids.postgresRows);
    expect(bids.analyticsRows).toBeGreaterThan(300);
  });

  it('answers the statistics as the single node does: every measure, by league, category and month, with comparisons', async () => {
    // Every measure but WARNINGS, which is compared with the cluster hub's own Postgres below:
    // each hub raised its own warnings as its batches came, at its own moments.
    const measures = ALL_MEASURES.filter((m) => m !== 'WARNINGS');
    const questions = [
      { measures, compare: true, filter: { from: '2025-07-01', to: '2026-06-30' } },
      { measures: ['PROJECTS', 'AWARD_TOTAL', 'BIDS_PER_PROJECT'], dimensions: ['REGION'], regionLevel: 'LEAGUE', compare: true, filter: { from: '2026-01-01', to: '2026-06-30' } },
      { measures: ['PROJECTS', 'BUDGET_TOTAL'], dimensions: ['CATEGORY', 'PERIOD'], granularity: 'MONTH', filter: { from: '2025-01-01', to: '2026-06-30' } },
    ];
    let figures = 0;
    for (const input of questions) {
      const [onCluster, onOne] = await Promise.all([ask(cluster(), STATS_QUERY, { input }), ask(h.baseUrl, STATS_QUERY, { input })]);
      expect(onCluster.statistics.rows, JSON.stringify(input)).toEqual(onOne.statistics.rows);
      figures += onCluster.statistics.rows.length;
    }
    expect(figures).toBeGreaterThan(10);
  });

  it('records the warnings early warning raised through the Distributed table: the WARNINGS measure counts what its Postgres holds', async () => {
    const database = openDatabase({ url: databaseUrl, poolMax: 1 });
    try {
      const { rows } = await database.pool.query<{ n: number }>('select count(*)::int as n from warnings');
      expect(rows[0]!.n).toBeGreaterThan(10);
      const { statistics } = await ask(cluster(), STATS_QUERY, { input: { measures: ['WARNINGS'], dimensions: ['REGION'], regionLevel: 'LEAGUE', filter: WHOLE_RANGE } });
      expect(statistics.rows.length).toBeGreaterThan(3);
      const total = statistics.rows.reduce((n: number, r: { values: Array<{ value: number }> }) => n + r.values[0]!.value, 0);
      expect(total).toBe(rows[0]!.n);
    } finally {
      await database.close();
    }
  });
});

/** A string as a literal part of a regular expression. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
