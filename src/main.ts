import 'reflect-metadata';
import cluster from 'node:cluster';
import { sharedStore, type SharedStoreFacts } from './analytics/shared-store';
import { runPrimary } from './server/workers';
import { loadConfigOrExit, type Config } from './config/config';
import { loadJobs } from '../etl/job-config';
import { scheduleJobs } from '../etl/scheduler';
import { pushDemo } from './demo/push-demo';
import { hasTradingData } from './demo/trading-data.query';
import { backfillStatus } from './ingestion/backfill/backfill';
import { Registry } from './registry/registry.service';
import { createApp } from './server/app';
import { createLogger } from './server/logger';
import { exposureWarning } from './server/exposure-warning';
import { localBaseUrl, startSummary } from './server/start-summary';
import { monthlyTables, openHubAnalytics, openHubDatabase } from './server/runtime';
import { schedulePartitions } from './db/partitions';
import cron from 'node-cron';
import { createServices, type Services } from './server/services';
import { schedulePrune } from './ingestion/retention/retention.scheduler';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Db } from './db/database';

/**
 * How long start-up waits for the analytics sync it set going (with early warning after it)
 * before it prints its summary anyway: the demo's takes seconds, while a new analytics store
 * beside years of data may take hours, and the summary must not wait for that.
 */
const SETTLE_MS = 60_000;

/**
 * On the embedded default with an empty database, load a demo region so a newcomer has
 * something to query, and issue an admin key for it. Never with DATABASE_URL: a real
 * deployment must not get invented data.
 */
async function maybeLoadDemo(config: Config, embedded: boolean, port: number, db: Db, services: Services, log: Logger): Promise<string | null> {
  if (!embedded || config.demo.mode === 'off' || (await hasTradingData(db))) return null;
  const started = Date.now();
  log.info({ projects: config.demo.projects, seed: config.demo.seed }, 'empty embedded database: loading a demo dataset through the push endpoint');
  const { key } = await services.apiKeys.create({ name: 'demo admin (created at first start)', role: 'admin' });
  const host = ['0.0.0.0', '::', 'localhost'].includes(config.host) ? '127.0.0.1' : config.host;
  const summary = await pushDemo({
    seed: config.demo.seed,
    projects: config.demo.projects,
    until: new Date(),
    baseUrl: `http://${host}:${port}`,
    adminKey: key,
    log,
  });
  log.info({ ms: Date.now() - started, ...summary }, 'demo dataset ready');
  return key;
}

/**
 * Waits, up to SETTLE_MS, until the analytics sync and the early warning after it are idle,
 * so that nothing the start-up set going logs after its summary. Returns null when they are,
 * else how many committed batches the analytics store still lacks.
 */
async function settle(services: Services): Promise<number | null> {
  const sync = services.analytics.sync;
  if (!sync) return null;
  let timer: NodeJS.Timeout | undefined;
  const idle = (async () => {
    await sync.idle();
    await services.warningRuns?.idle();
    return true;
  })();
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SETTLE_MS)));
  const settled = await Promise.race([idle, late]);
  clearTimeout(timer);
  return settled ? null : (await sync.pending()).batches;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel, 'stdout', config.logFormat);
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config, log);
  const worker = config.worker;
  // A worker's embedded Postgres and analytics engine are the primary's (src/server/workers.ts).
  const hub = await openHubDatabase(worker?.postgresUrl ? { ...config, databaseUrl: worker.postgresUrl } : config, log);
  const embeddedPostgres = hub.embedded !== null || Boolean(worker?.postgresUrl);
  // With HUB_WORKERS, worker 1 alone loads the demo (through the port they share) and prints the summary.
  const leads = !worker || worker.index === 1;
  let store: Awaited<ReturnType<typeof openHubAnalytics>> | null = null;
  const started = await (async () => {
    store = worker?.sharedAnalytics ? sharedStore(JSON.parse(worker.sharedAnalytics) as SharedStoreFacts) : await openHubAnalytics(config, log);
    const registry = await Registry.load(hub.database.db);
    const services = createServices(hub.database, registry, config, log, store);
    const app = await createApp({ config, database: hub.database, services, log });
    await app.listen({ host: config.host, port: config.port });
    const port = (app.server.address() as AddressInfo).port;
    await services.processor.resume();
    services.processor.watch();
    const jobs = await loadJobs(config.etlJobsFile);
    const stopJobs = scheduleJobs({ database: hub.database, registry, log, limits: config.push, secret: config.secret, onCommitted: services.batchCommitted }, jobs, log);
    // Catch up with batches committed while the hub was down, then keep up: after each
    // batch (the processor asks) and on the schedule, in case a request was missed.
    services.analytics.sync!.request();
    const syncTask = cron.schedule(config.analytics.syncSchedule, () => services.analytics.sync!.request(), { timezone: 'Asia/Shanghai' });
    // Early warning in full every night, besides the incremental run after each sync: fences
    // per category and year move as data arrives, and cross-project rings need the whole picture.
    const warningTask = cron.schedule(
      config.warnings.fullRunSchedule,
      () => void services.warningRuns!.runFull().catch((error: unknown) => log.error({ err: error }, 'nightly early warning run failed')),
      { timezone: 'Asia/Shanghai' },
    );
    const stopPrune = schedulePrune(hub.database.db, config.retention, log);
    const stopPartitions = schedulePartitions(hub.database.pool, monthlyTables(config), config.retention.pruneSchedule, log);
    const demoKey = leads ? await maybeLoadDemo(config, embeddedPostgres, port, hub.database.db, services, log) : null;
    return { app, port, demoKey, stopJobs, stopPrune, stopPartitions, services, syncTask, warningTask };
  })().catch(async (error: unknown) => {
    // Leave nothing running behind a failed start (e.g. the embedded Postgres).
    await store?.close().catch(() => undefined);
    await hub.close().catch(() => undefined);
    throw error;
  });
  const { app, port, demoKey, stopJobs, stopPrune, stopPartitions, services, syncTask, warningTask } = started;
  const baseUrl = localBaseUrl(config.host, port);
  log.info({ url: `${baseUrl}/graphql`, embeddedPostgres, worker: worker?.index }, 'hub is serving GraphQL');
  const backfilling = await backfillStatus(hub.database.db);
  if (backfilling.length > 0) {
    log.warn(
      { since: backfilling[0]!.deferredAt, foreignKeys: backfilling.length },
      'backfill mode is on: foreign keys of the pipeline tables are set aside; run `npm run hub -- backfill end` when the backfill is loaded',
    );
  }
  const exposure = exposureWarning(config.host, config.env, config.trustProxy);
  if (exposure) {
    log.warn({ host: config.host }, exposure);
    process.stderr.write(`\n  WARNING: ${exposure}\n\n`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      log.error('shutdown took over 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await stopJobs();
      await stopPrune();
      await stopPartitions();
      await syncTask.stop();
      await warningTask.stop();
      await app.close();
      // A sync in flight finishes (or is repeated next start: it is idempotent).
      await services.analytics.sync?.syncPending().catch(() => undefined);
      await services.warningRuns?.idle();
      await store?.close();
      await hub.close();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A worker whose primary is gone has lost its port's owner (and the shared engine): it stops.
  if (worker) process.on('disconnect', () => void shutdown('primary gone'));

  // Last, after every line the start-up logs: where to go, and with which key.
  if (!leads) return;
  const analyticsBehind = await settle(services);
  if (!stopping) process.stdout.write(startSummary({ baseUrl, adminKey: demoKey, analyticsBehind }));
}

main().catch((error: unknown) => {
  process.stderr.write(`The hub could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
