import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JobConfigError, loadJobs, type JobConfig } from '../etl/job-config';
import { runJob, type RunnerContext } from '../etl/runner';
import { createLogger } from '../src/server/logger';
import { Factory } from './helpers/factories';
import { runTs } from './helpers/processes';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let ctx: RunnerContext;
let dir: string;

beforeAll(async () => {
  hub = await createTestHub();
  ctx = {
    database: hub.database,
    registry: hub.registry,
    log: createLogger('silent'),
    limits: { maxPartBytes: 1e9, maxRatio: 100 },
    secret: (n) => (n === 'FEED_TOKEN' ? 'sesame' : undefined),
    backoffMs: 10,
  };
  dir = await mkdtemp(path.join(tmpdir(), 'hub-etl-'));
  await chmod(dir, 0o755);
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const job = (over: Record<string, unknown>) => ({ schedule: '0 * * * *', platform: 'P152900', enabled: true, timeoutSeconds: 60, retries: 3, ...over }) as JobConfig;

describe('landing folder', () => {
  it('loads dropped NDJSON files (plain and gzip), moves them to done/ with a report, and loads a file dropped again only once', async () => {
    const r = new Records();
    const folder = path.join(dir, `landing-${r.tag}`);
    const p1 = r.project();
    const p2 = r.project();
    await rm(folder, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
    await writeFile(path.join(folder, 'a.ndjson'), `${ndjson([p1, r.bid(p1.id, r.firm()), { ...p1, id: 'bad', region: '000000' }]).join('\n')}\n`);
    await writeFile(path.join(folder, 'b.ndjson.gz'), gzipSync(`${ndjson([p2]).join('\n')}\n`));
    await writeFile(path.join(folder, 'ignored.txt'), 'not data');
    const landing = job({ name: `landing-${r.tag.toLowerCase()}`, kind: 'landing_folder', folder });

    const run = await runJob(ctx, landing, 'manual');
    expect(run).toMatchObject({ status: 'succeeded', batches: 2, records: 4, stored: 3, rejected: 1 });
    expect((await readdir(folder)).sort()).toEqual(['done', 'failed', 'ignored.txt']);
    expect((await readdir(path.join(folder, 'done'))).sort()).toEqual(['a.ndjson', 'a.ndjson.report.json', 'b.ndjson.gz', 'b.ndjson.gz.report.json']);
    const report = JSON.parse(await readFile(path.join(folder, 'done', 'a.ndjson.report.json'), 'utf8'));
    expect(report).toMatchObject({ file: 'a.ndjson', status: 'committed', counts: { received: 3, stored: 2, rejected: 1 } });

    // The same file again: same content, same batch, nothing new.
    await writeFile(path.join(folder, 'a.ndjson'), await readFile(path.join(folder, 'done', 'a.ndjson')));
    const again = await runJob(ctx, landing, 'manual');
    expect(again).toMatchObject({ status: 'succeeded', batches: 1, records: 3 });
    const admin = await new Factory(hub.database.db, hub.services).key('admin');
    const q = await hub.gql(`{ projects(filter: { text: "${r.tag}" }) { totalCount } }`, { key: admin });
    expect(q.data!.projects.totalCount).toBe(2);
  });
});

describe('a schedule fired by several hub processes', () => {
  it('runs once per firing: at the same moment, or after the first process has already finished', async () => {
    // A second hub on the same database: as a second process behind the balancer.
    const other = await createTestHub();
    try {
      const ctx2: RunnerContext = { ...ctx, database: other.database, registry: other.registry };
      const r = new Records();
      const folder = path.join(dir, `slot-${r.tag}`);
      await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
      const landing = job({ name: `slot-${r.tag.toLowerCase()}`, kind: 'landing_folder', folder });
      const slot = new Date(Date.now() - 1000);

      await writeFile(path.join(folder, 'a.ndjson'), `${ndjson([r.project()]).join('\n')}\n`);
      const [a, b] = await Promise.all([runJob(ctx, landing, 'schedule', slot), runJob(ctx2, landing, 'schedule', slot)]);
      // A third process whose timer fired late, after the run had finished.
      const late = await runJob(ctx2, landing, 'schedule', slot);
      expect(a.id).toBe(b.id);
      expect(late.id).toBe(a.id);
      const runs = await hub.database.pool.query<{ status: string; n: number }>(`select status, count(*)::int as n from etl_runs where job = $1 group by status`, [landing.name]);
      expect(runs.rows).toEqual([{ status: 'succeeded', n: 1 }]);

      // The next firing is a new slot, and runs.
      await writeFile(path.join(folder, 'b.ndjson'), `${ndjson([r.project()]).join('\n')}\n`);
      const next = await runJob(ctx2, landing, 'schedule', new Date());
      expect(next.id).not.toBe(a.id);
      expect(next).toMatchObject({ status: 'succeeded', records: 1 });
    } finally {
      await other.close();
    }
  });
});

describe('HTTP feed', () => {
  let server: Server;
  let baseUrl: string;
  let failuresLeft = 0;
  const r = new Records();
  const records = Array.from({ length: 5 }, (_, i) => r.project({ version: `2025-06-0${i + 1}T09:00:00+08:00` }));
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url!);
      if (req.headers.authorization !== 'Bearer sesame') return void res.writeHead(401).end();
      if (failuresLeft-- > 0) return void res.writeHead(503).end();
      const url = new URL(req.url!, 'http://x');
      const since = Number(url.searchParams.get('since') ?? '0');
      const limit = Number(url.searchParams.get('limit'));
      const page = records.slice(since, since + limit);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ records: page, nextSince: String(since + page.length) }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('pages with a since-watermark, retries transient failures, and resumes from the watermark', async () => {
    const feed = job({ name: `feed-${r.tag.toLowerCase()}`, kind: 'http_feed', url: baseUrl, tokenEnv: 'FEED_TOKEN', pageSize: 2 });
    failuresLeft = 2;
    const first = await runJob(ctx, feed, 'manual');
    expect(first).toMatchObject({ status: 'succeeded', attempts: 3, batches: 3, records: 5, stored: 5, watermarkBefore: null, watermarkAfter: '5' });
    records.push(r.project({ version: '2025-07-01T09:00:00+08:00' }));
    requests.length = 0;
    const second = await runJob(ctx, feed, 'manual');
    expect(second).toMatchObject({ status: 'succeeded', batches: 1, records: 1, watermarkBefore: '5', watermarkAfter: '6' });
    expect(requests[0]).toContain('since=5');
  });

  it('gives up after its retries, records the failure, and keeps the watermark', async () => {
    const feed = job({ name: `feed-down-${r.tag.toLowerCase()}`, kind: 'http_feed', url: baseUrl, tokenEnv: 'FEED_TOKEN', retries: 1 });
    failuresLeft = 5;
    const run = await runJob(ctx, feed, 'manual');
    expect(run).toMatchObject({ status: 'failed', attempts: 2, error: 'feed answered 503' });
    failuresLeft = 0;
  });

  it('never runs the same job twice at once', async () => {
    const feed = job({ name: `feed-once-${r.tag.toLowerCase()}`, kind: 'http_feed', url: baseUrl, tokenEnv: 'FEED_TOKEN' });
    const [a, b] = await Promise.all([runJob(ctx, feed, 'manual'), runJob(ctx, feed, 'manual')]);
    expect([a.status, b.status].sort()).toEqual(['skipped', 'succeeded']);
  });
});

describe('jobs file and operations', () => {
  it('names the job and the field at fault', async () => {
    const file = path.join(dir, 'jobs.json');
    await writeFile(file, JSON.stringify({ jobs: [{ name: 'x', kind: 'http_feed', platform: 'P152900', schedule: 'every day', url: 'not a url' }] }));
    await expect(loadJobs(file)).rejects.toThrow(JobConfigError);
    await expect(loadJobs(file)).rejects.toThrow(/job x: schedule: not a valid cron expression[\s\S]*job x: url/);
    expect(await loadJobs(path.join(dir, 'missing.json'))).toEqual([]);
  });

  it('runs a job from the CLI and lists runs to admin over GraphQL', async () => {
    const folder = path.join(dir, 'cli-landing');
    const file = path.join(dir, 'cli-jobs.json');
    await writeFile(file, JSON.stringify({ jobs: [{ name: 'cli-landing', kind: 'landing_folder', platform: 'P152900', schedule: '*/5 * * * *', folder }] }));
    const run = await runTs('src/cli/main.ts', ['etl', 'run', 'cli-landing'], { DATABASE_URL: inject('databaseUrl'), ETL_JOBS_FILE: file });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ job: 'cli-landing', status: 'succeeded', trigger: 'manual' });
    const f = new Factory(hub.database.db, hub.services);
    const runs = await hub.gql('{ etlRuns(job: "cli-landing", last: 1) { job status trigger } }', { key: await f.key('admin') });
    expect(runs.data!.etlRuns).toEqual([{ job: 'cli-landing', status: 'succeeded', trigger: 'manual' }]);
    expect(codes(await hub.gql('{ etlRuns { job } }', { key: await f.key('policy') }))).toEqual(['FORBIDDEN']);
  });
});
