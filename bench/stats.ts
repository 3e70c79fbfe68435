/**
 * npm run bench:stats -- [projects] [bids] : generates a region at scale straight into
 * Postgres (default 1,000,000 projects and 10,000,000 bids, with notices, awards,
 * evaluations, complaints, penalties and blacklist entries in proportion), rebuilds the
 * analytics store from it and prints the sync rate, then runs each standard dashboard query
 * on the embedded ClickHouse engine and the same question in plain SQL on Postgres, and
 * prints p50 and p95 of each and their ratio. Uses DATABASE_URL, or an embedded Postgres in
 * a temporary folder; always the embedded ClickHouse engine in a temporary folder.
 */
import 'reflect-metadata';
import { RankingOrder, RankingSubject, StatisticsService } from '../src/analytics/statistics.service';
import { Dimension, Granularity, Measure } from '../src/analytics/statistics.measures';
import { ANALYTICS_TABLES } from '../src/analytics/sync/tables';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type { Caller } from '../src/auth/caller';
import { loadConfig } from '../src/config/config';
import { Registry } from '../src/registry/registry.service';
import { createLogger } from '../src/server/logger';
import { benchStores, generateAndSync } from './region-stores';

const projects = Number(process.argv[2] ?? 1_000_000);
const bids = Number(process.argv[3] ?? projects * 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const config = loadConfig();
const log = createLogger('warn');

const { database, store, close } = await benchStores('stats', config, log);
const admin: Caller = { keyId: 0, name: 'bench', role: 'admin', platformId: null, department: null, categoryCodes: null, regionCodes: null };

try {
  await generateAndSync(database, store, log, projects, bids);
  const registry = await Registry.load(database.db);
  // How much of that is Postgres producing the rows: the bids export alone, into nothing.
  {
    const bidsTable = ANALYTICS_TABLES.find((t) => t.name === 'bids')!;
    const client = await database.pool.connect();
    const started = Date.now();
    await pipeline(client.query(copyTo(`copy (${bidsTable.select(1, 'true', null)}) to stdout with (format csv, null '\\N')`)), new Writable({ write: (_c, _e, done) => done() }));
    client.release();
    console.log(`  of which Postgres exporting the bids alone: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const stats = new StatisticsService(store, registry, config.analytics);
  const year = { from: '2025-01-01', to: '2025-12-31' };
  const headline = [
    Measure.PROJECTS,
    Measure.AWARD_TOTAL,
    Measure.SAVINGS_RATE,
    Measure.BIDS_PER_PROJECT,
    Measure.SINGLE_BID_SHARE,
    Measure.CROSS_REGION_WIN_SHARE,
    Measure.COMPLAINTS_PER_100_PROJECTS,
  ];

  // Plain SQL on the normalised tables: what the dashboards would cost without the analytics store.
  const pgProjectFigures = (from: string, to: string, group: string) => `
    with p as (select x.id, x.budget, x.category_code, x.registered_at, split_part(r.path, '/', 2) as league
                 from projects x join regions r on r.code = x.region_code
                where x.registered_at >= timestamptz '${from} 00:00+08' and x.registered_at < timestamptz '${to} 00:00+08' + interval '1 day'),
         b as (select project_id, count(*) as n from bids where project_id in (select id from p) group by 1),
         a as (select project_id, sum(amount) as total from awards where project_id in (select id from p) group by 1),
         c as (select project_id, count(*) as n from complaints where project_id in (select id from p) group by 1)
    select ${group} as k, count(*), sum(a.total), 1 - sum(a.total) filter (where p.budget > 0) / nullif(sum(p.budget) filter (where p.budget > 0 and a.total is not null), 0),
           avg(b.n), avg((b.n = 1)::int), 100.0 * sum(coalesce(c.n, 0)) / count(*)
      from p left join b on b.project_id = p.id left join a on a.project_id = p.id left join c on c.project_id = p.id group by 1`;
  const pgOpenness = (from: string, to: string) => `
    select avg((split_part(r.path, '/', 2) <> split_part(wr.path, '/', 2))::int)
      from awards a join projects x on x.id = a.project_id join regions r on r.code = x.region_code
      join entities w on w.id = a.winner_id join regions wr on wr.code = w.registered_region_code
     where x.registered_at >= timestamptz '${from} 00:00+08' and x.registered_at < timestamptz '${to} 00:00+08' + interval '1 day'`;

  const pg = (sql: string) => database.pool.query(sql);
  const queries: Array<{ name: string; ch: () => Promise<unknown>; pg: () => Promise<unknown> }> = [
    {
      name: 'overview: 7 headline measures for a year, with previous period and year-ago',
      ch: () => stats.statistics(admin, { measures: headline, compare: true, filter: year }),
      pg: async () => {
        for (const [from, to] of [
          ['2025-01-01', '2025-12-31'],
          ['2024-01-01', '2024-12-31'],
          ['2024-01-01', '2024-12-31'],
        ] as const) {
          await pg(pgProjectFigures(from, to, `'all'`));
          await pg(pgOpenness(from, to));
        }
      },
    },
    {
      name: 'monthly trend: projects, award total, bids per project by month over 30 months',
      ch: () =>
        stats.statistics(admin, {
          measures: [Measure.PROJECTS, Measure.AWARD_TOTAL, Measure.BIDS_PER_PROJECT],
          dimensions: [Dimension.PERIOD],
          granularity: Granularity.MONTH,
          filter: { from: '2024-01-01', to: '2026-06-30' },
        }),
      pg: () => pg(pgProjectFigures('2024-01-01', '2026-06-30', `date_trunc('month', p.registered_at at time zone 'Asia/Shanghai')`)),
    },
    {
      name: 'by league: 4 measures per league and city for a year',
      ch: () =>
        stats.statistics(admin, {
          measures: [Measure.PROJECTS, Measure.AWARD_TOTAL, Measure.SAVINGS_RATE, Measure.SINGLE_BID_SHARE],
          dimensions: [Dimension.REGION],
          filter: year,
        }),
      pg: () => pg(pgProjectFigures(year.from, year.to, 'p.league')),
    },
    {
      name: 'by category: 4 measures per category for a year',
      ch: () =>
        stats.statistics(admin, {
          measures: [Measure.PROJECTS, Measure.AWARD_TOTAL, Measure.SAVINGS_RATE, Measure.BIDS_PER_PROJECT],
          dimensions: [Dimension.CATEGORY],
          filter: year,
        }),
      pg: () => pg(pgProjectFigures(year.from, year.to, 'p.category_code')),
    },
    {
      name: 'top 10 winners by award total for a year',
      ch: () => stats.rankings(admin, RankingSubject.WINNER, RankingOrder.AWARD_TOTAL, 10, year),
      pg: () =>
        pg(`select w.uscc, w.name, sum(a.amount) as total, count(*) from awards a join projects x on x.id = a.project_id join entities w on w.id = a.winner_id
            where x.registered_at >= timestamptz '2025-01-01 00:00+08' and x.registered_at < timestamptz '2026-01-01 00:00+08'
            group by w.id order by total desc, count(*) desc limit 10`),
    },
  ];

  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const time = async (work: () => Promise<unknown>, runs: number) => {
    await work(); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await work();
      ms.push(performance.now() - started);
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
  };
  const pgRuns = Math.max(3, Math.round(RUNS / 4));
  console.log(`\nstandard dashboard queries (ClickHouse ${RUNS} runs, Postgres ${pgRuns} runs, after one warm-up each):`);
  console.log('| query | ClickHouse p50 | ClickHouse p95 | Postgres p50 | Postgres p95 | Postgres p50 / ClickHouse p50 |');
  console.log('|---|---|---|---|---|---|');
  for (const query of queries) {
    const ch = await time(query.ch, RUNS);
    const pg = await time(query.pg, pgRuns);
    console.log(`| ${query.name} | ${ch.p50.toFixed(0)} ms | ${ch.p95.toFixed(0)} ms | ${pg.p50.toFixed(0)} ms | ${pg.p95.toFixed(0)} ms | ${(pg.p50 / ch.p50).toFixed(1)}× |`);
  }
} finally {
  await close();
}
