/**
 * npm run bench:warnings -- [projects] [bids] : generates a region at scale straight into
 * Postgres (default 1,000,000 projects and 10,000,000 bids, as bench:stats), syncs it into
 * the embedded ClickHouse engine, then prints the time of a full run of every indicator
 * (goal: under 60 s), first over a store with no warnings yet and then again, as every night
 * after the first, and, after a nightly batch of 10,000 records (1,000 projects and 9,000
 * bids) is synced, of the incremental run over what it touched (goal: under 5 s), with each
 * indicator's own time and what it found. Uses DATABASE_URL, or an embedded Postgres in a
 * temporary folder; always the embedded ClickHouse engine in a temporary folder.
 */
import 'reflect-metadata';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/server/logger';
import { warningRunsOver, type WarningRunResult } from '../src/supervision/warning-run.service';
import { benchStores, generateAndSync } from './region-stores';

const projects = Number(process.argv[2] ?? 1_000_000);
const bids = Number(process.argv[3] ?? projects * 10);
const config = loadConfig();
const log = createLogger('warn');

const { database, store, close } = await benchStores('warnings', config, log);

const print = (label: string, r: WarningRunResult) => {
  console.log(`\n${label}: ${(r.ms / 1000).toFixed(1)} s, ${r.raised.toLocaleString('en')} warnings raised`);
  console.log('| indicator | found | raised | updated | seconds |\n|---|---|---|---|---|');
  for (const [name, x] of Object.entries(r.indicators))
    console.log(`| ${name} | ${x.found.toLocaleString('en')} | ${x.raised.toLocaleString('en')} | ${x.updated} | ${(x.ms / 1000).toFixed(2)} |`);
};

try {
  const sync = await generateAndSync(database, store, log, projects, bids);

  const engine = warningRunsOver(database, store, config.warnings.thresholds, log);
  print(`full run over ${projects.toLocaleString('en')} projects and ${bids.toLocaleString('en')} bids (goal: under 60 s)`, await engine.runFull());
  // The nightly full run of a hub that has run before: the same evidence raises nothing new,
  // so this is the run's own cost without the first run's hundreds of thousands of inserts.
  print('the same full run again, as every night after the first', await engine.runFull());

  // A night's push: 1,000 projects and 9,000 bids in one committed batch, synced as the hub would.
  const g = await database.pool.connect();
  try {
    const { rows } = await g.query<{ n: number }>(`select count(*)::int as n from entities`);
    const entities = rows[0]!.n;
    await g.query(`insert into batches (source_id, idempotency_key, status, committed_at) select id, 'bench-night', 'committed', now() from data_sources where code = 'bench'`);
    const prov = (prefix: string) => `(select id from data_sources where code = 'bench'), (select max(id) from batches), '${prefix}' || g, timestamptz '2026-07-02'`;
    await g.query(`insert into projects (platform_id, project_code, title, category_code, region_code, initiator_id, agency_id, budget, control_price, must_tender, procurement_method,
                                       status, is_electronic, registered_at, bid_opening_at, source_id, batch_id, source_record_id, source_version)
                 select (select min(id) from platforms), 'N' || g, '夜间项目 ' || g, 'construction', '152921', 1 + g % ${entities}, 1 + (g * 7) % ${entities}, 3000000, 3100000, false, 'open_tender', 'awarded', true,
                        timestamptz '2026-06-01 09:00+08', timestamptz '2026-06-25 09:30+08', ${prov('np')} from generate_series(1, 1000) g`);
    await g.query(`insert into bids (project_id, bidder_id, price, submitted_at, deposit_form, status, machine_code, mac_address, ip_address, file_hash, source_id, batch_id, source_record_id, source_version)
                 select p.id, 1 + (g * 37) % ${entities}, 2900000 + g, timestamptz '2026-06-24 09:00+08', 'e_guarantee', 'valid', 'NM' || g, 'BB:' || g, '172.16.' || (g % 200) || '.' || (g % 250), md5('n' || g),
                        ${prov('nb')}
                   from generate_series(1, 9000) g join (select id, row_number() over (order by id) as n from projects where project_code like 'N%') p on p.n = 1 + g % 1000`);
  } finally {
    g.release();
  }
  const synced = await sync.syncPending();
  console.log(`\nnightly batch of 10,000 records synced in ${(synced.ms / 1000).toFixed(1)} s`);
  print('incremental run after it (goal: under 5 s)', await engine.afterSync());
} finally {
  await close();
}
