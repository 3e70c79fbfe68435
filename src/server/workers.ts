import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { serveStore, type SharedStoreFacts } from '../analytics/shared-store';
import type { Config } from '../config/config';
import { openHubAnalytics, openHubDatabase } from './runtime';

/** A worker dying this many times within WINDOW_MS means something is wrong with all of them. */
const MAX_DEATHS = 5;
const WINDOW_MS = 60_000;
const STOP_MS = 25_000;

/**
 * The primary process of `npm start` with HUB_WORKERS > 1: it prepares what only one process
 * may hold (the embedded Postgres, the migrations, the embedded analytics engine), then runs
 * that many hub workers sharing the port (node:cluster hands out connections), starts a new
 * one when one dies, and stops them all on SIGTERM or SIGINT before what it holds.
 *
 * Everything else a worker does is safe to run in several: batches, syncs, early-warning runs
 * and scheduled ETL firings are each taken by one process through Postgres locks, and
 * sessions, keys and limits live in Postgres.
 */
export async function runPrimary(config: Config, log: Logger): Promise<void> {
  const hub = await openHubDatabase(config, log);
  // The workers open their own pools; the primary keeps only the embedded server running.
  await hub.database.close();
  const store = await openHubAnalytics(config, log).catch(async (error: unknown) => {
    await hub.embedded?.stop();
    throw error;
  });
  // A ClickHouse server takes each worker's client; the embedded engine stays here.
  const shared = store.engine === 'embedded' ? store : null;
  if (!shared) await store.close();
  const facts: SharedStoreFacts | null = shared ? { engine: shared.engine, version: shared.version, location: shared.location, cluster: shared.cluster } : null;
  const env = {
    ...(hub.embedded ? { HUB_WORKER_POSTGRES_URL: hub.embedded.url } : {}),
    ...(facts ? { HUB_WORKER_ANALYTICS: JSON.stringify(facts) } : {}),
  };

  // Buffers (the sync's CSV pieces to the shared engine) cross IPC as they are.
  cluster.setupPrimary({ serialization: 'advanced' });
  const indexOf = new Map<number, number>();
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ ...env, HUB_WORKER_INDEX: String(index) });
    indexOf.set(worker.id, index);
    if (shared) serveStore(shared, worker);
    return worker;
  };
  for (let index = 1; index <= config.workers; index++) fork(index);
  log.info({ workers: config.workers, embeddedPostgres: hub.embedded !== null, sharedAnalytics: shared !== null }, 'hub workers starting');

  let stopping = false;
  const deaths: number[] = [];
  const stopAll = async (code: number) => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const exited = Promise.all(alive.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve())))));
    for (const worker of alive) worker.process.kill('SIGTERM');
    const late = setTimeout(() => {
      log.error('hub workers took over 25 s to stop; killing them');
      for (const worker of alive) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, STOP_MS);
    await exited;
    clearTimeout(late);
    await shared?.close().catch(() => undefined);
    await hub.embedded?.stop().catch(() => undefined);
    log.info('stopped');
    process.exit(code);
  };

  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker.id)!;
    indexOf.delete(worker.id);
    if (stopping) return;
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0]! < now - WINDOW_MS) deaths.shift();
    if (deaths.length >= MAX_DEATHS) {
      log.error({ deaths: deaths.length, seconds: WINDOW_MS / 1000 }, 'hub workers keep dying; stopping the hub');
      void stopAll(1);
      return;
    }
    log.error({ worker: index, pid: worker.process.pid, code, signal }, 'a hub worker stopped; starting another in its place');
    setTimeout(() => !stopping && fork(index), 1000);
  });
  process.on('SIGTERM', () => void (stopping || stopAll(0)));
  process.on('SIGINT', () => void (stopping || stopAll(0)));
}
