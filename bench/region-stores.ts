import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { runAnalyticsMigrations } from '../src/analytics/migrate';
import { openAnalyticsStore, type AnalyticsStore } from '../src/analytics/store';
import { AnalyticsSync } from '../src/analytics/sync/analytics-sync';
import type { Config } from '../src/config/config';
import { openDatabase, type Database } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/migrate';
import { seedReferenceData } from '../src/registry/registry.repository';
import { generateRegion } from './generate-region';

/**
 * The two stores a benchmark over a generated region works on: DATABASE_URL or an embedded
 * Postgres in a temporary folder, and always the embedded ClickHouse engine in that folder.
 * `close()` stops both and removes the folder.
 */
export async function benchStores(name: string, config: Config, log: Logger) {
  const dir = await mkdtemp(path.join(tmpdir(), `hub-bench-${name}-`));
  await chmod(dir, 0o755);
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 54900 + Math.floor(Math.random() * 90), database: 'bench', log });
  const database = openDatabase({ url: config.databaseUrl ?? embedded!.url, poolMax: 4 });
  const store = await openAnalyticsStore({ ...config.analytics, url: undefined, embeddedDir: path.join(dir, 'clickhouse') }, log);
  return {
    database,
    store,
    async close() {
      await store.close();
      await database.close();
      await embedded?.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Migrates both stores, generates the region in Postgres and rebuilds the analytics copy, printing each table's sync. */
export async function generateAndSync(database: Database, store: AnalyticsStore, log: Logger, projects: number, bids: number): Promise<AnalyticsSync> {
  await runMigrations(database.pool);
  await seedReferenceData(database.db);
  await runAnalyticsMigrations(store);
  await generateRegion(database.pool, projects, bids);
  console.log('\nanalytics rebuild (Postgres → ClickHouse):');
  const sync = new AnalyticsSync(database, store, log);
  const rebuilt = await sync.rebuild({ afterTable: ({ table, rows, ms }) => void console.log(`  ${table}: ${rows.toLocaleString('en')} rows in ${(ms / 1000).toFixed(1)} s`) });
  const rows = Object.values(rebuilt.rows).reduce((s, n) => s + n, 0);
  console.log(`sync: ${rows.toLocaleString('en')} rows in ${(rebuilt.ms / 1000).toFixed(1)} s = ${Math.round(rows / (rebuilt.ms / 1000)).toLocaleString('en')} rows/s`);
  return sync;
}
