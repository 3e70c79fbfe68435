import type { Logger } from 'pino';
import { runAnalyticsMigrations } from '../analytics/migrate';
import { AnalyticsStartError, openAnalyticsStore, type AnalyticsStore } from '../analytics/store';
import type { Config } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';
import { runMigrations } from '../db/migrate';
import { bidMonths, maintainPartitions, type MonthlyTable } from '../db/partitions';
import { seedReferenceData } from '../registry/registry.repository';

export interface HubDatabase {
  database: Database;
  /** Set when the hub runs its own Postgres (no DATABASE_URL). */
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

/** The tables kept in monthly partitions, with their retention (docs/deployment.md). */
export function monthlyTables(config: Pick<Config, 'partitions'>): MonthlyTable[] {
  return [
    { table: 'credit_lookups', monthsAhead: config.partitions.monthsAhead, keepMonths: config.partitions.creditLookupKeepMonths },
    // Staged lines' months go with their batches, by the staged-line prune (STAGED_LINES_RETENTION_DAYS).
    { table: 'batch_lines', monthsAhead: config.partitions.monthsAhead, keepMonths: 0 },
    bidMonths(config.partitions.monthsAhead),
  ];
}

/**
 * What a database needs before use, in every process and every test database: the migrations,
 * the current month's partitions and those ahead (a database may be older than its month), and
 * the reference data.
 */
export async function prepareDatabase(database: Pick<Database, 'pool' | 'db'>, config: Pick<Config, 'partitions'>): Promise<void> {
  await runMigrations(database.pool);
  for (const spec of monthlyTables(config)) await maintainPartitions(database.pool, spec);
  await seedReferenceData(database.db);
}

/**
 * Connects to the system of record, migrates it and loads the reference data: the same
 * steps for the server and for the CLI, so either can be the first to touch a database.
 */
export async function openHubDatabase(config: Config, log: Logger): Promise<HubDatabase> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ ...config.embeddedPostgres, database: 'hub', log });
  const database = openDatabase({
    url: config.databaseUrl ?? embedded!.url,
    poolMax: config.poolMax,
    uploadPoolMax: config.push.maxConcurrentUploads,
    acquireTimeoutMs: config.acquireTimeoutMs,
    replicaUrls: config.replicas.urls,
    replica: config.replicas,
    applicationName: config.worker ? `prt-hub worker ${config.worker.index}` : 'prt-hub',
    log,
  });
  try {
    await prepareDatabase(database, config);
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }
  return {
    database,
    embedded,
    close: async () => {
      await database.close();
      await embedded?.stop();
    },
  };
}

/**
 * Opens the analytics store (the configured ClickHouse server, or the embedded engine) and
 * applies its migrations. The embedded engine's folder belongs to one process at a time.
 */
export async function openHubAnalytics(config: Config, log: Logger): Promise<AnalyticsStore> {
  let store: AnalyticsStore;
  try {
    store = await openAnalyticsStore(config.analytics, log);
  } catch (error) {
    if (error instanceof AnalyticsStartError || config.analytics.url) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AnalyticsStartError(
      `The embedded analytics store in ${config.analytics.embeddedDir} could not be opened (${message}). ` +
        'Only one process can hold it: if the hub is running, stop it first or use its GraphQL analytics queries.',
    );
  }
  try {
    await runAnalyticsMigrations(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
