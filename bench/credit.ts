/**
 * npm run bench:credit -- [entities] : loads a realistic credit dataset into Postgres
 * (default 1,000,000 entities, 100,000 blacklist entries, 300,000 penalties, 100,000 credit
 * records), starts the hub (its own process, real HTTP, GraphQL, key check, rate limit and
 * audit log) and a bare Node baseline running the same SQL through pg (its own process), and
 * drives both with autocannon on loopback: single-code checks at 500 requests/s, single-code
 * checks flat out, and 1,000-code batches. Prints throughput, p50, p95, p99 and the ratios.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ApiKeyService } from '../src/auth/api-key.service';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/migrate';
import { seedReferenceData } from '../src/registry/registry.repository';
import { Registry } from '../src/registry/registry.service';
import { createLogger } from '../src/server/logger';
import { unusedPort } from '../test/helpers/ports';

const entities = Number(process.argv[2] ?? 1_000_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 15);
const config = loadConfig();
const log = createLogger('warn');
const dir = await mkdtemp(path.join(tmpdir(), 'hub-bench-credit-'));
await chmod(dir, 0o755);
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await unusedPort(), database: 'bench', log });
const url = config.databaseUrl ?? embedded!.url;
const database = openDatabase({ url, poolMax: 2 });
const children: ChildProcess[] = [];

try {
  await runMigrations(database.pool);
  await seedReferenceData(database.db);
  const step = async (label: string, sql: string) => {
    const started = Date.now();
    await client.query(sql);
    console.log(`  ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  };
  const client = await database.pool.connect();
  try {
    console.log(`loading ${entities.toLocaleString('en')} entities and their credit rows`);
    await client.query(`set synchronous_commit = off`);
    // Consistent by construction; the feed's triggers and foreign keys are not what is measured.
    await client.query(`set session_replication_role = replica`);
    await client.query(`insert into data_sources (code, name, kind) values ('bench', 'benchmark', 'credit_feed') on conflict do nothing`);
    await client.query(
      `insert into batches (source_id, idempotency_key, status, committed_at) select id, 'bench-credit', 'committed', now() from data_sources where code = 'bench'`,
    );
    const prov = (p: string) => `(select id from data_sources where code = 'bench'), (select max(id) from batches), '${p}' || g, now()`;
    await step(
      'entities',
      `insert into entities (kind, identified_by, uscc, name, registered_region_code, source_id, batch_id, source_record_id, source_version)
      select 'organisation', 'uscc', '9' || lpad(g::text, 17, '0'), '内蒙古' || g || '建设工程有限公司', '152900', ${prov('e')} from generate_series(1, ${entities}) g`,
    );
    await step(
      'blacklist entries',
      `insert into blacklist_entries (entity_id, list_type, authority, basis, starts_on, ends_on, removed_on, source_id, batch_id, source_record_id, source_version)
      select 1 + (g::bigint * 7919) % ${entities}, 'dishonest', '发改委', '失信', date '2023-01-01' + (g % 1000), date '2023-01-01' + (g % 1000) + 730,
             case when g % 10 = 0 then date '2023-01-01' + (g % 1000) + 200 end, ${prov('k')} from generate_series(1, ${Math.round(entities / 10)}) g`,
    );
    await step(
      'penalties',
      `insert into penalties (entity_id, decision_number, authority, decided_on, published_on, content, amount, source_id, batch_id, source_record_id, source_version)
      select 1 + (g::bigint * 104729) % ${entities}, 'D' || g, '住建局', date '2023-01-01' + (g % 1300), date '2023-01-01' + (g % 1300) + 5, '串通投标', 50000, ${prov('x')}
        from generate_series(1, ${Math.round(entities * 0.3)}) g`,
    );
    await step(
      'credit records',
      `insert into credit_records (entity_id, polarity, title, authority, valid_from, source_id, batch_id, source_record_id, source_version)
      select 1 + (g::bigint * 31) % ${entities}, 'positive', '守合同重信用', '市场监管局', date '2024-01-01', ${prov('c')} from generate_series(1, ${Math.round(entities / 10)}) g`,
    );
    await client.query(`set session_replication_role = origin`);
    await step('analyze', 'analyze');
  } finally {
    client.release();
  }
  const registry = await Registry.load(database.db);
  // A key whose bucket does not limit the benchmark (the default would, by design).
  const { key } = await new ApiKeyService(database.db, registry).create({ name: 'bench', role: 'credit', creditRate: 100_000, creditBurst: 100_000 });

  const hubPort = await unusedPort();
  const basePort = await unusedPort();
  // The hub logs at warn: a log line per request would be part of what is measured.
  children.push(start('hub', ['src/main.ts'], { DATABASE_URL: url, PORT: String(hubPort), LOG_LEVEL: 'warn', CLICKHOUSE_EMBEDDED_DIR: path.join(dir, 'ch'), PG_POOL_MAX: '10' }));
  children.push(start('baseline', ['bench/credit-baseline.ts'], { DATABASE_URL: url, PORT: String(basePort) }));
  await Promise.all([waitForHttp(hubPort, '/healthz'), waitForHttp(basePort, '/')]);

  const code = (n: number) => `9${String(1 + ((n * 7919) % entities)).padStart(17, '0')}`;
  let n = 0;
  const gql = (codes: string[]) =>
    JSON.stringify({
      query:
        'query($c: [String!]!) { creditStatus(codes: $c) { code known blacklisted restricted activeBlacklistEntries { listType startsOn endsOn } penalties { decisionNumber decidedOn } creditRecords { title } } }',
      variables: { c: codes },
    });
  const bare = (codes: string[]) => JSON.stringify({ codes });
  const batch = Array.from({ length: 1000 }, (_, i) => code(i * 13));
  const target = (port: number, body: (codes: string[]) => string, size: number) => ({
    url: `http://127.0.0.1:${port}${port === hubPort ? '/graphql' : '/'}`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    requests: [{ method: 'POST' as const, setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body(size === 1 ? [code(n++)] : batch) }) }],
  });
  const run = (label: string, opts: object) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      autocannon({ duration: DURATION, ...opts } as autocannon.Options, (error, result) => (error ? reject(error) : resolve(result)));
    }).then((r) => {
      const bad = r.non2xx + r.errors;
      console.log(`| ${label} | ${Math.round(r.requests.average)} | ${r.latency.p50} ms | ${r.latency.p97_5 ?? '-'} ms | ${r.latency.p99} ms | ${bad} |`);
      return r;
    });
  // Warm both up: connections, plans, caches.
  // Warm both up (JIT, connection pools, plans, caches) before anything is measured; the
  // first seconds of a fresh hub are several times slower than the rest.
  await run('warm-up hub', { ...target(hubPort, gql, 1), connections: 10, duration: 10 });
  await run('warm-up baseline', { ...target(basePort, bare, 1), connections: 10, duration: 10 });

  console.log(`\n| load (${DURATION} s each) | requests/s | p50 | p97.5 | p99 | errors |`);
  console.log('|---|---|---|---|---|---|');
  const hubMax = await run('hub: single-code checks, flat out (10 connections)', { ...target(hubPort, gql, 1), connections: 10 });
  await run('hub: single-code checks at 500 requests/s (10 connections)', { ...target(hubPort, gql, 1), connections: 10, overallRate: 500 });
  const baseMax = await run('baseline: single-code checks, flat out (10 connections)', { ...target(basePort, bare, 1), connections: 10 });
  await run('hub: 1,000-code batches (1 connection)', { ...target(hubPort, gql, 1000), connections: 1 });
  await run('baseline: 1,000-code batches (1 connection)', { ...target(basePort, bare, 1000), connections: 1 });
  console.log(`\nGraphQL / bare baseline throughput (single codes, flat out): ${(hubMax.requests.average / baseMax.requests.average).toFixed(2)}`);
  console.log('(p97.5 is the nearest percentile autocannon reports to p95.)');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  await database.close();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
}

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, DEMO_DATA: 'off', ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) console.error(`${name} exited with ${code}`);
    void signal;
  });
  return child;
}

/** Resolves once the server answers anything on `route` (a POST-only baseline answers 500 to GET). */
async function waitForHttp(port: number, route: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}${route}`).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing answered on port ${port}`);
}
