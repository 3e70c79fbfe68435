import 'reflect-metadata';
import { Command, Option } from 'commander';
import { ROLES } from '../auth/caller';
import type { AddressInfo } from 'node:net';
import { pushDemo } from '../demo/push-demo';
import { createApp } from '../server/app';
import { createServices } from '../server/services';
import { DomainError } from '../errors/domain-errors';
import { AnalyticsSync } from '../analytics/sync/analytics-sync';
import { reconcile } from '../analytics/sync/reconcile';
import { getClusterShape } from '../analytics/cluster-shape.query';
import { ApiKeyService } from '../auth/api-key.service';
import { verifyLedger } from '../ledger/ledger';
import { BackfillValidationError, backfillStatus, beginBackfill, endBackfill } from '../ingestion/backfill/backfill';
import { pruneStagedLines } from '../ingestion/retention/retention.service';
import { loadJobs } from '../../etl/job-config';
import { runJob } from '../../etl/runner';
import { listRuns } from '../../etl/runs.repository';
import { bidMonths, maintainPartitions, monthsBetween, parseMonth } from '../db/partitions';
import { config, log, withAnalytics, withHub } from './context';
import { registerOcdsCommands } from './ocds-commands';
import { registerRatesCommands } from './rates-commands';
import { registerWarningsCommands } from './warnings-commands';

/**
 * The operators' command line. It works whether or not the hub is running: on the
 * embedded default it attaches to the running hub's Postgres, or starts it for the
 * duration of the command. Results go to stdout, logs to stderr, so
 * `KEY=$(npm run -s hub -- keys create ...)` captures just the key. Command groups of
 * their own: ocds-commands.ts, rates-commands.ts, warnings-commands.ts.
 */
const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

const program = new Command('hub').description('Operate the public resource trading data hub.');
const keys = program.command('keys').description('Issue, list and revoke API keys.');

keys
  .command('create')
  .description('Issue a key; prints only the key on stdout (it cannot be shown again).')
  .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
  .requiredOption('--name <name>', 'who holds the key, e.g. "Alxa League centre nightly push"')
  .option('--platform <code>', 'platform role: the platform code, e.g. P152900')
  .option('--department <name>', 'supervisor role: the supervising department')
  .option('--category <code>', 'supervisor role: a category of its remit (repeat or comma-separate)', list)
  .option('--region <code>', 'supervisor role: a region of its remit, with its subtree (repeat or comma-separate)', list)
  .option('--rate <n>', 'credit lookups per second for this key (default CREDIT_RATE_PER_SECOND)', (v) => Number(v))
  .option('--burst <n>', 'credit lookups this key may make at once (default CREDIT_RATE_BURST)', (v) => Number(v))
  .action(async (opts: { role: string; name: string; platform?: string; department?: string; category?: string[]; region?: string[]; rate?: number; burst?: number }) => {
    const { key, row } = await withHub((hub, registry) =>
      new ApiKeyService(hub.database.db, registry).create({ ...opts, categories: opts.category, regions: opts.region, creditRate: opts.rate, creditBurst: opts.burst }),
    );
    process.stderr.write(`Created key ${row.id} (${row.keyPrefix}…) for ${row.name}, role ${row.role}.\n`);
    process.stdout.write(`${key}\n`);
  });

keys
  .command('list')
  .description('List keys (never the keys themselves).')
  .action(async () => {
    const rows = await withHub((hub, registry) => new ApiKeyService(hub.database.db, registry).list());
    for (const r of rows) {
      const remit = [r.department, r.categoryCodes?.join('+'), r.regionCodes?.join('+')].filter(Boolean).join(' ');
      process.stdout.write(`${r.id}\t${r.keyPrefix}…\t${r.role}\t${r.name}\t${remit || '-'}\t${r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : 'active'}\n`);
    }
  });

keys
  .command('revoke')
  .description('Revoke a key by its id (see keys list); it stops working at once.')
  .argument('<id>', 'key id')
  .action(async (id: string) => {
    const row = await withHub((hub, registry) => new ApiKeyService(hub.database.db, registry).revoke(Number(id)));
    process.stderr.write(`Revoked key ${row.id} (${row.name}).\n`);
  });

program
  .command('ledger')
  .description('The ingestion ledger (存证).')
  .command('verify')
  .description("Walk the hash chain, re-read every batch's staged lines, re-hash every stored row; exit 1 and name the first bad batch if anything changed.")
  .action(async () => {
    const result = await withHub((hub) => verifyLedger(hub.database.db, (n) => process.stderr.write(`checked ${n} entries…\r`)));
    if (result.ok) {
      process.stdout.write(
        `ledger ok: ${result.entriesChecked} batches verified (${result.digestsRecomputed} re-read from their staged lines, ${result.chainOnly} by the chain only)\n`,
      );
      return;
    }
    process.stdout.write(`ledger BROKEN: first bad batch ${result.firstBadBatchId}\n`);
    for (const p of result.problems.slice(0, 50)) process.stdout.write(`  batch ${p.batchId} (entry ${p.seq}): ${p.problem}\n`);
    if (result.problems.length > 50) process.stdout.write(`  … and ${result.problems.length - 50} more\n`);
    process.exitCode = 1;
  });

program
  .command('batches')
  .description('Pushed and loaded batches.')
  .command('prune')
  .description('Delete the staged raw lines of finished batches older than the retention; digests, receipts and rejections stay.')
  .option('--older-than-days <n>', 'days (default STAGED_LINES_RETENTION_DAYS; 0 prunes nothing)', (v) => Number(v), config.retention.stagedLinesDays)
  .action(async (opts: { olderThanDays: number }) => {
    if (!Number.isInteger(opts.olderThanDays) || opts.olderThanDays < 0) throw new Error('--older-than-days takes a whole number of days, 0 or more');
    const result = await withHub((hub) => pruneStagedLines(hub.database.db, { olderThanDays: opts.olderThanDays }, log));
    process.stdout.write(
      opts.olderThanDays === 0
        ? 'retention is off (0 days): nothing pruned\n'
        : `pruned ${result.lines} staged lines of ${result.batches} batches finished over ${result.olderThanDays} days ago\n`,
    );
  });

const backfill = program
  .command('backfill')
  .description("Backfill mode, for loading a platform's past years: the pipeline tables' foreign keys set aside, then made again and validated.");

backfill
  .command('begin')
  .description("Set aside the foreign keys of the tables the pipeline writes (it resolves every reference itself); push the backfill, then run 'backfill end'.")
  .action(async () => {
    const n = await withHub((hub) => beginBackfill(hub.database.db));
    process.stdout.write(
      n === 0
        ? 'backfill mode is already on (or there are no foreign keys to set aside): nothing changed\n'
        : `backfill mode on: ${n} foreign keys set aside; push the backfill, then run: npm run hub -- backfill end\n`,
    );
  });

backfill
  .command('status')
  .description('Say whether backfill mode is on, and since when.')
  .action(async () => {
    const pending = await withHub((hub) => backfillStatus(hub.database.db));
    process.stdout.write(
      pending.length === 0
        ? 'backfill mode is off: every foreign key is in place\n'
        : `backfill mode on since ${pending[0]!.deferredAt.toISOString()}: ${pending.length} foreign keys set aside\n`,
    );
  });

backfill
  .command('end')
  .description('Make the set-aside foreign keys again and validate them over every row; exit 1 naming any a row breaks.')
  .action(async () => {
    try {
      const n = await withHub((hub) =>
        endBackfill(hub.database.db, (fk, done, total) => process.stderr.write(`validated ${done}/${total}: ${fk.tableName}.${fk.constraintName}\n`)),
      );
      process.stdout.write(`backfill mode off: ${n} foreign keys made again and validated\n`);
    } catch (error) {
      if (!(error instanceof BackfillValidationError)) throw error;
      process.stdout.write(`${error.message}\n`);
      process.exitCode = 1;
    }
  });

backfill
  .command('months')
  .description(
    "Make bids' months from a past month up to now (and those ahead), moving into each the bids the default partition holds for it. Run it before pushing a platform's past years, so their bids land in months.",
  )
  .requiredOption('--from <YYYY-MM>', 'the first month, China Standard Time')
  .action(async (opts: { from: string }) => {
    const from = parseMonth(opts.from);
    if (!from) throw new Error(`--from takes a month as YYYY-MM, such as 2015-01; '${opts.from}' is not one`);
    const back = monthsBetween(from, new Date());
    if (back < 0) throw new Error(`--from ${opts.from} is after this month: the hub makes the months ahead itself`);
    if (back > 600) throw new Error(`--from ${opts.from} is more than 50 years back: check the month`);
    const changes = await withHub((hub) => maintainPartitions(hub.database.pool, bidMonths(back + config.partitions.monthsAhead), from));
    process.stdout.write(
      changes.created.length === 0
        ? `bids have every month from ${opts.from} already: nothing made\n`
        : `made ${changes.created.length} months of bids, ${changes.created[0]} to ${changes.created.at(-1)}; bids the default partition held for them moved in\n`,
    );
  });

const etl = program.command('etl').description('Scheduled ETL jobs (see etl/README.md).');

etl
  .command('list')
  .description('List the jobs of the jobs file and their last run.')
  .action(async () => {
    const jobs = await loadJobs(config.etlJobsFile);
    const runs = await withHub((hub) => listRuns(hub.database.db, null, 1000));
    if (jobs.length === 0) process.stderr.write(`No jobs in ${config.etlJobsFile}.\n`);
    for (const job of jobs) {
      const last = runs.find((r) => r.job === job.name);
      process.stdout.write(
        `${job.name}\t${job.kind}\t${job.schedule}\t${job.enabled ? 'enabled' : 'disabled'}\t${last ? `${last.status} ${last.startedAt.toISOString()}` : 'never run'}\n`,
      );
    }
  });

etl
  .command('run')
  .description('Run one job now and print the run record; exit 1 if it failed.')
  .argument('<name>', 'job name')
  .action(async (name: string) => {
    const job = (await loadJobs(config.etlJobsFile)).find((j) => j.name === name);
    if (!job) throw new Error(`no job '${name}' in ${config.etlJobsFile}`);
    const run = await withHub((hub, registry) => runJob({ database: hub.database, registry, log, limits: config.push, secret: config.secret }, job, 'manual'));
    process.stdout.write(`${JSON.stringify(run)}\n`);
    if (run.status !== 'succeeded') process.exitCode = 1;
  });

registerOcdsCommands(program);

const analytics = program.command('analytics').description('The analytics store (ClickHouse): CLICKHOUSE_URL, or the embedded engine when the hub is not running.');

analytics
  .command('status')
  .description('Engine, version, the cluster (CLICKHOUSE_CLUSTER) and committed batches waiting for the sync.')
  .action(async () => {
    const status = await withAnalytics(async (hub, store) => ({
      engine: store.engine,
      version: store.version,
      location: store.location,
      cluster: await getClusterShape(store),
      ...(await new AnalyticsSync(hub.database, store, log).pending()),
    }));
    process.stdout.write(`${JSON.stringify(status)}\n`);
  });

analytics
  .command('sync')
  .description('Copy every committed batch not yet in the analytics store.')
  .action(async () => {
    const result = await withAnalytics((hub, store) => new AnalyticsSync(hub.database, store, log).syncPending());
    process.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.status === 'busy') process.stderr.write('Another process is syncing now; nothing done.\n');
  });

analytics
  .command('rebuild')
  .description('Empty the analytics tables and copy everything from Postgres again (progress on stderr).')
  .action(async () => {
    const result = await withAnalytics((hub, store) =>
      new AnalyticsSync(hub.database, store, log).rebuild({
        afterTable: ({ table, rows, ms }) => void process.stderr.write(`  ${table}: ${rows} rows in ${(ms / 1000).toFixed(1)} s\n`),
      }),
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  });

analytics
  .command('reconcile')
  .description('Compare counts and amounts per table and day with Postgres; exit 1 and list them when they differ.')
  .action(async () => {
    const result = await withAnalytics((hub, store) => reconcile(hub.database, store));
    for (const t of result.tables) {
      process.stdout.write(
        `${t.table.padEnd(18)} postgres ${String(t.postgresRows).padStart(9)} analytics ${String(t.analyticsRows).padStart(9)}${t.postgresAmount ? `  amount ${t.postgresAmount} / ${t.analyticsAmount}` : ''}\n`,
      );
    }
    for (const d of result.differences) process.stdout.write(`DIFFERENCE ${d.table} ${d.day ?? '-'} ${d.measure}: postgres ${d.postgres}, analytics ${d.analytics}\n`);
    if (result.pendingBatches > 0) process.stdout.write(`${result.pendingBatches} committed batches are not synced yet (run: npm run hub -- analytics sync)\n`);
    process.stdout.write(result.differences.length === 0 ? 'Postgres and the analytics store agree.\n' : `${result.differences.length} differences.\n`);
    if (result.differences.length > 0) process.exitCode = 1;
  });

registerRatesCommands(program);
registerWarningsCommands(program);

program
  .command('migrate')
  .description('Apply database migrations and reference data, then exit.')
  .action(async () => {
    await withHub(async () => undefined);
    process.stderr.write('Database is up to date.\n');
  });

program
  .command('demo')
  .description('Generate a deterministic demo region and push it through the push endpoint (refuses with DATABASE_URL unless --force).')
  .option('--projects <n>', 'number of projects', (v) => Number(v), config.demo.projects)
  .option('--seed <n>', 'random seed', (v) => Number(v), config.demo.seed)
  .option('--force', 'allow loading into a DATABASE_URL database')
  .action(async (opts: { projects: number; seed: number; force?: boolean }) => {
    if (config.databaseUrl && !opts.force) throw new Error('DATABASE_URL is set: demo data goes there only with --force.');
    const summary = await withHub(async (hub, registry) => {
      // The real push path, served by an in-process hub on a loopback port of its own.
      const services = createServices(hub.database, registry, config, log);
      const app = await createApp({ config, database: hub.database, services, log });
      await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const { key, row } = await services.apiKeys.create({ name: 'demo loader (CLI)', role: 'admin' });
        const port = (app.server.address() as AddressInfo).port;
        const result = await pushDemo({ ...opts, until: new Date(), baseUrl: `http://127.0.0.1:${port}`, adminKey: key, log });
        await services.apiKeys.revoke(row.id);
        return result;
      } finally {
        await app.close();
      }
    });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof DomainError ? `${error.message}` : error instanceof Error ? error.message : String(error);
  process.stderr.write(`hub: ${message}\n`);
  process.exit(1);
});
