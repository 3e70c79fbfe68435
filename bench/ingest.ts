/**
 * npm run bench:ingest -- [records] : pushes N records (default 1,000,000; the demo
 * generator's realistic mix) through the real HTTP push endpoint of a hub started for the
 * run, and prints records/s end to end and peak RSS; then COPYs the same project and bid
 * rows straight into Postgres as the ceiling. Uses DATABASE_URL, or an embedded Postgres
 * in a temporary folder.
 */
import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/migrate';
import { generateDemo } from '../src/demo/generator';
import { demoBatches } from '../src/demo/push-records';
import { pushBatch } from '../src/ingestion/push-client';
import { seedReferenceData } from '../src/registry/registry.repository';
import { Registry } from '../src/registry/registry.service';
import { createApp } from '../src/server/app';
import { createLogger } from '../src/server/logger';
import { createServices } from '../src/server/services';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

const target = Number(process.argv[2] ?? 1_000_000);
const config = loadConfig();
const log = createLogger('warn');
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const dir = config.databaseUrl ? null : await mkdtemp(path.join(tmpdir(), 'hub-bench-'));
if (dir) await chmod(dir, 0o755);
const embedded = dir ? await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 54400 + Math.floor(Math.random() * 500), database: 'bench', log, settings: ['shared_preload_libraries=pg_stat_statements'] }) : null;
const database = openDatabase({ url: config.databaseUrl ?? embedded!.url, poolMax: 8 });
try {
  await runMigrations(database.pool);
  await seedReferenceData(database.db);
  const registry = await Registry.load(database.db);
  const services = createServices(database, registry, config, log);
  const app = await createApp({ config, database, services, log });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { key } = await services.apiKeys.create({ name: 'bench', role: 'admin' });

  // About 11 records per project in the demo mix.
  const projects = Math.max(100, Math.round(target / 11));
  const genStart = Date.now();
  const batches = demoBatches(generateDemo({ seed: 1, projects, until: new Date() }));
  const lines = batches.map((b) => ({ platformCode: b.platformCode, lines: b.records.map((r) => JSON.stringify(r)) }));
  const total = lines.reduce((n, b) => n + b.lines.length, 0);
  console.log(`generated ${total} records (${projects} projects) in ${Date.now() - genStart} ms`);

  const started = Date.now();
  let stored = 0;
  for (const [n, b] of lines.entries()) {
    const receipt = await pushBatch(b.lines, { baseUrl, key, idempotencyKey: `bench-${started}-${n}`, platformCode: b.platformCode, gzip: true });
    if (receipt.status !== 'committed') throw new Error(`batch ${receipt.id} ${receipt.status}: ${receipt.error}`);
    stored += receipt.counts.stored + receipt.counts.released;
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`push end to end: ${total} records in ${seconds.toFixed(1)} s = ${Math.round(total / seconds)} records/s (stored ${stored})`);
  console.log(`peak RSS: ${Math.round(peakRss / 1024 / 1024)} MiB`);
  const phases = await database.pool.query<{ upload: number; queued: number; process: number }>(
    `select sum(extract(epoch from sealed_at - created_at))::float as upload, sum(extract(epoch from committed_at - sealed_at))::float as process
       from batches where idempotency_key like $1`,
    [`bench-${started}-%`],
  );
  const p = phases.rows[0]!;
  console.log(`time in phases: open to sealed (upload) ${p.upload.toFixed(1)} s, sealed to committed (processing) ${p.process.toFixed(1)} s`);
  await app.close();
  await printTopStatements();

  // The ceiling: the rows the pipeline stored, COPYed straight back into the same tables
  // (fresh source record ids, then rolled back). Entities are left out: one per USCC.
  const tables = ['projects', 'notices', 'bids', 'bid_openings', 'evaluation_committees', 'committee_members', 'awards', 'contracts', 'complaints', 'penalties', 'blacklist_entries', 'credit_records', 'experts'];
  const reader = await database.pool.connect();
  const writer = await database.pool.connect();
  let copied = 0;
  const copyStart = Date.now();
  try {
    await writer.query('begin');
    for (const table of tables) {
      const cols = (await reader.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_name = $1 and column_name <> 'id' order by ordinal_position`, [table],
      )).rows.map((r) => r.column_name);
      // Unique columns get other values of the same shape, so the copy does not collide with the originals.
      const fresh: Record<string, string> = {
        source_record_id: `'copy:' || source_record_id`,
        project_code: `'c' || project_code`,
        deal_code: `'c' || deal_code`,
        expert_code: `'c' || expert_code`,
        person_id_number: `translate(person_id_number, '0123456789', '1234567890')`,
      };
      const select = cols.map((c) => fresh[c] ?? c).join(', ');
      const out = reader.query(copyTo(`copy (select ${select} from ${table}) to stdout`));
      const into = writer.query(copyFrom(`copy ${table} (${cols.join(', ')}) from stdin`));
      await pipeline(out, into);
      copied += Number((into as unknown as { rowCount: number }).rowCount ?? 0);
    }
    const copySeconds = (Date.now() - copyStart) / 1000;
    console.log(`raw COPY of the same rows into the same tables: ${copied} rows in ${copySeconds.toFixed(1)} s = ${Math.round(copied / copySeconds)} rows/s (ceiling)`);
    console.log(`end to end / ceiling: ${((total / seconds) / (copied / copySeconds)).toFixed(3)}`);
  } finally {
    await writer.query('rollback');
    reader.release();
    writer.release();
  }
} finally {
  clearInterval(sampler);
  await database.close();
  await embedded?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Where Postgres spent its time, when the benchmark runs its own server with pg_stat_statements. */
async function printTopStatements() {
  if (!embedded) return;
  await database.pool.query('create extension if not exists pg_stat_statements');
  const top = await database.pool.query<{ ms: number; calls: number; rows: number; query: string }>(
    `select round(total_exec_time)::int as ms, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) as query
       from pg_stat_statements order by total_exec_time desc limit 12`,
  );
  console.log('Postgres time by statement (ms, calls, rows, statement):');
  for (const r of top.rows) console.log(`  ${String(r.ms).padStart(6)} ${String(r.calls).padStart(7)} ${String(r.rows).padStart(8)}  ${r.query}`);
}
