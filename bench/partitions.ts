/**
 * npm run bench:partitions -- [lines] [lookups] : what the monthly partitions buy.
 *
 * 1. Staged lines: `lines` (default 1,000,000) raw lines of 50 committed batches, all staged in
 *    one month long past, pruned twice: once as they are (the month is dropped whole), once
 *    with a batch still holding a record in that month (the prune falls back to deleting the
 *    others' lines 10,000 at a time, as it did for every month before partitions).
 * 2. The credit-lookup audit: `lookups` (default 2,400,000) lookups over 12 months; one month's
 *    lookups counted by operation, from the partitioned table (reads one month) and from an
 *    unpartitioned copy with the same index (reads the index, then the rows).
 * Prints each time; the embedded Postgres of its own unless DATABASE_URL is set.
 */
import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/migrate';
import { maintainPartitions, monthStart } from '../src/db/partitions';
import { pruneStagedLines } from '../src/ingestion/retention/retention.service';
import { seedReferenceData } from '../src/registry/registry.repository';
import { createLogger } from '../src/server/logger';
import { unusedPort } from '../test/helpers/ports';

const LINES = Number(process.argv[2] ?? 1_000_000);
const LOOKUPS = Number(process.argv[3] ?? 2_400_000);
const BATCHES = 50;
const config = loadConfig();
const log = createLogger('warn');
const dir = await mkdtemp(path.join(tmpdir(), 'hub-bench-partitions-'));
await chmod(dir, 0o755);
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await unusedPort(), database: 'bench', log });
const database = openDatabase({ url: config.databaseUrl ?? embedded!.url, poolMax: 4 });
const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  console.log(`  ${label}: ${Math.round(performance.now() - started).toLocaleString('en')} ms`);
  return result;
};

try {
  await runMigrations(database.pool);
  await seedReferenceData(database.db);
  const old = new Date('2024-03-15T12:00:00+08:00');
  await maintainPartitions(database.pool, { table: 'batch_lines', monthsAhead: 0, keepMonths: 0 }, old);
  await q(`insert into data_sources (code, name, kind) values ('bench', 'benchmark', 'third_party_feed') on conflict do nothing`);

  /** 50 committed batches, a year and more old, with `LINES` lines staged in March 2024; one batch held if asked. */
  const stage = async (round: string, held: boolean) => {
    const { rows } = await q(
      `insert into batches (source_id, idempotency_key, status, created_at, sealed_at, committed_at)
       select (select id from data_sources where code = 'bench'), $1 || g, 'committed', $2, $2, $2 from generate_series(1, ${BATCHES}) g returning id`,
      [`bench-${round}-`, old],
    );
    const ids = rows.map((r) => Number(r.id));
    await q(
      `insert into batch_lines (batch_id, part_no, line_no, raw, staged_at)
       select ($1::bigint[])[1 + (g % ${BATCHES})], 1, g, '{"type":"project","id":"p' || g || '","title":"内蒙古自治区某工程施工招标"}', $2
         from generate_series(1, ${LINES}) g`,
      [ids, old],
    );
    if (held) {
      await q(
        `insert into held_records (source_id, batch_id, line_no, record_type, record_id, record, awaiting_type, awaiting_id)
         values ((select id from data_sources where code = 'bench'), $1, 1, 'bid', 'b1', '{}', 'project', 'p0')`,
        [ids[0]],
      );
    }
    await q('vacuum analyze batch_lines');
  };

  console.log(`staged lines: ${LINES.toLocaleString('en')} lines of ${BATCHES} batches in March 2024, pruned at 90 days`);
  await timed('loading', () => stage('drop', false));
  const dropped = await timed('prune, the month dropped whole', () => pruneStagedLines(database.db, { olderThanDays: 90 }));
  console.log(`    ${dropped.lines.toLocaleString('en')} lines of ${dropped.batches} batches`);
  await maintainPartitions(database.pool, { table: 'batch_lines', monthsAhead: 0, keepMonths: 0 }, old);
  await timed('loading again, one batch holding a record', () => stage('delete', true));
  const deleted = await timed('prune, line by line (10,000 a statement)', () => pruneStagedLines(database.db, { olderThanDays: 90 }));
  console.log(`    ${deleted.lines.toLocaleString('en')} lines of ${deleted.batches} batches`);

  console.log(`credit-lookup audit: ${LOOKUPS.toLocaleString('en')} lookups over 12 months`);
  const now = new Date();
  await maintainPartitions(database.pool, { table: 'credit_lookups', monthsAhead: 12, keepMonths: 0 }, monthStart(now, -11));
  await q(`insert into api_keys (name, role, key_hash, key_prefix) values ('bench', 'credit', 'bench', 'bench')`);
  await timed('loading', async () => {
    await q(
      `insert into credit_lookups (key_id, operation, asked, result_counts, asked_at)
       select (select max(id) from api_keys), (array['creditStatus','searchEntities','creditChanges','entityProfile'])[1 + g % 4], array['91150100MA0N' || lpad((g % 1000000)::text, 6, '0')],
              '{"codes":1,"known":1}', $1::timestamptz + (g::float8 / ${LOOKUPS}) * ($2::timestamptz - $1::timestamptz)
         from generate_series(1, ${LOOKUPS}) g`,
      [monthStart(now, -11), now],
    );
    await q('create table credit_lookups_flat as select * from credit_lookups');
    await q('create index on credit_lookups_flat (key_id, asked_at)');
    await q('vacuum analyze credit_lookups');
    await q('vacuum analyze credit_lookups_flat');
  });
  const month = [monthStart(now, -6), monthStart(now, -5)];
  const count = (table: string) => q(`select operation, count(*) from ${table} where asked_at >= $1 and asked_at < $2 group by operation`, month);
  for (let round = 1; round <= 3; round++) {
    await timed(`one month by operation, partitioned (round ${round})`, () => count('credit_lookups'));
    await timed(`one month by operation, unpartitioned (round ${round})`, () => count('credit_lookups_flat'));
  }
} finally {
  await database.close();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
}
