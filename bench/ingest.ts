/**
 * npm run bench:ingest -- [records] : the hub (src/main.ts) runs as a process of its own on
 * an embedded Postgres of the benchmark's; this process generates N records (default
 * 1,000,000; the demo generator's realistic mix) and pushes them through the real HTTP push
 * endpoint with the push client, as a platform would. Prints records/s end to end, the
 * hub process's peak RSS, where Postgres spent its time, and the COPY ceiling: the same
 * final rows COPYed into the same tables of an empty database migrated the same way. The
 * last line is `ratio to COPY: 0.NN`: records/s end to end over COPY rows/s.
 *
 * `--defer foreign-keys` runs the push in backfill mode (`hub backfill begin` before it,
 * `backfill end` after it, its validation counted in the time); `--defer indexes` measures
 * the same for the pipeline tables' secondary indexes (dropped, and made again after).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { generateDemo } from '../src/demo/generator';
import { demoBatches } from '../src/demo/push-records';
import { pushBatch } from '../src/ingestion/push-client';
import { createLogger } from '../src/server/logger';
import { copyCeiling } from './ingest/copy-ceiling';
import { freePort, startHub } from './ingest/hub-process';
import { openDatabase } from '../src/db/database';
import { beginBackfill, endBackfill } from '../src/ingestion/backfill/backfill';
import { dropSecondaryIndexes } from './ingest/defer';
import { printPhases, printTopStatements } from './ingest/postgres-report';

const target = Number(process.argv[2] ?? 1_000_000);
const deferArg = process.argv.indexOf('--defer');
const defer = deferArg > 0 ? process.argv[deferArg + 1] : null;
if (defer !== null && defer !== 'indexes' && defer !== 'foreign-keys') throw new Error('--defer takes indexes or foreign-keys');
/** `--no-ceiling` skips the COPY ceiling (at ten million records it takes a quarter of an hour). */
const ceilingWanted = !process.argv.includes('--no-ceiling');
const MiB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

// The data is generated before the hub starts: an idle connection left from start-up would
// otherwise be closed under the first push of a long generation, and the hub's memory is
// measured on its own either way.
// About 11 records per project in the demo mix.
const projects = Math.max(100, Math.round(target / 11));
const genStart = Date.now();
const batches = demoBatches(generateDemo({ seed: 1, projects, until: new Date() }));
// Each batch's records become lines and are let go at once, so that ten million records
// fit (run that one with NODE_OPTIONS=--max-old-space-size=16000).
const lines = batches.map((b, n) => {
  const batch = { platformCode: b.platformCode, lines: b.records.map((r) => JSON.stringify(r)) };
  batches[n] = { ...b, records: [] };
  return batch;
});
const total = lines.reduce((n, b) => n + b.lines.length, 0);
console.log(`generated ${total} records (${projects} projects) in ${Date.now() - genStart} ms`);

const dir = await mkdtemp(path.join(tmpdir(), 'hub-bench-'));
await chmod(dir, 0o755); // Postgres runs as its own user and must reach the folder
const embedded = await startEmbeddedPostgres({
  dataDir: path.join(dir, 'pg'),
  port: await freePort(),
  database: 'bench',
  log: createLogger('warn'),
  settings: ['shared_preload_libraries=pg_stat_statements'],
});
// One connection pool for the benchmark's own statements; `database` is the same pool, for backfill mode.
const database = openDatabase({ url: embedded.url, poolMax: 2 });
const pool = database.pool;
let hub: Awaited<ReturnType<typeof startHub>> | null = null;
try {
  hub = await startHub(embedded.url, dir);
  const key = await hub.adminKey();
  const idleRss = hub.rss();
  await pool.query('create extension if not exists pg_stat_statements');
  await pool.query('select pg_stat_statements_reset()');

  const keyPrefix = `bench-${Date.now()}-`;
  const deferred = defer === 'indexes' ? await dropSecondaryIndexes(pool) : [];
  if (defer === 'foreign-keys') await beginBackfill(database.db);
  const started = process.hrtime.bigint();
  for (const [n, b] of lines.entries()) {
    const receipt = await pushBatch(b.lines, { baseUrl: hub.baseUrl, key, idempotencyKey: `${keyPrefix}${n}`, platformCode: b.platformCode, gzip: true, timeoutMs: 3_600_000 });
    if (receipt.status !== 'committed') throw new Error(`batch ${receipt.id} ${receipt.status}: ${receipt.error}`);
    b.lines = [];
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`batch ${n + 1}/${lines.length} (${b.platformCode}): ${receipt.counts.received} records committed, ${elapsed.toFixed(0)} s so far`);
  }
  const rebuilt = Date.now();
  for (const statement of deferred) await pool.query(statement);
  const made = defer === 'foreign-keys' ? await endBackfill(database.db) : deferred.length;
  if (defer) console.log(`deferred ${defer}: ${made} set aside before the push, made again after it in ${((Date.now() - rebuilt) / 1000).toFixed(1)} s (counted below)`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = hub.peakRss();
  await hub.stop();
  hub = null;
  await printPhases(pool, keyPrefix);
  await printTopStatements(pool);

  const recordsPerSecond = total / seconds;
  console.log(`push end to end: ${total} records in ${seconds.toFixed(1)} s = ${Math.round(recordsPerSecond)} records/s`);
  console.log(`hub process RSS: ${MiB(idleRss)} after start-up, peak ${MiB(peakRss)} (src/main.ts alone; the generated data lives in this process)`);
  console.log(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(1)} on this machine's ${availableParallelism()} cores`);
  if (!ceilingWanted) {
    console.log('ratio to COPY: not measured (--no-ceiling)');
  } else {
    const ceiling = await copyCeiling(embedded.url, pool);
    const stored = ceiling.rows;
    console.log(`COPY ceiling, the same final rows into an empty copy of the schema (indexes, foreign keys, triggers):`);
    for (const t of ceiling.tables) console.log(`  ${t.table.padEnd(24)} ${String(t.rows).padStart(9)}`);
    const copyPerSecond = stored / ceiling.seconds;
    console.log(`COPY ceiling: ${stored} rows in ${ceiling.seconds.toFixed(1)} s = ${Math.round(copyPerSecond)} rows/s (${Math.round(stored / seconds)} final rows/s end to end)`);
    // Also the same final rows' time by COPY over their time through the hub (rows/s over rows/s).
    console.log(`same rows, COPY time / end-to-end time: ${(ceiling.seconds / seconds).toFixed(2)}`);
    // As the issue measures it: records/s end to end over COPY rows/s.
    console.log(`ratio to COPY: ${(recordsPerSecond / copyPerSecond).toFixed(2)}`);
  }
} finally {
  await hub?.stop();
  await database.close();
  await embedded.stop();
  await rm(dir, { recursive: true, force: true });
}
