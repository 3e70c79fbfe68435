import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAnalyticsMigrations } from '../../src/analytics/migrate';
import { openAnalyticsStore, type AnalyticsStore } from '../../src/analytics/store';
import { loadConfig } from '../../src/config/config';
import { pushDemo } from '../../src/demo/push-demo';
import { createLogger } from '../../src/server/logger';
import { createTestHub, isolatedDatabase, type TestHub } from './test-hub';

/** The real embedded ClickHouse engine (chdb) in a temporary folder, migrated. */
export async function openTestAnalytics(): Promise<{ store: AnalyticsStore; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'prt-hub-test-ch-'));
  await chmod(dir, 0o755);
  const config = loadConfig({ CLICKHOUSE_EMBEDDED_DIR: dir });
  const store = await openAnalyticsStore(config.analytics, createLogger('silent'));
  await runAnalyticsMigrations(store);
  return {
    store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface AnalyticsHub {
  hub: TestHub;
  store: AnalyticsStore;
  databaseUrl: string;
  adminKey: string;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A hub on a database of its own with the embedded analytics engine, loaded with the demo
 * generator's region through the real push endpoint. The analytics sync has not run yet.
 */
export async function analyticsHub(name: string, demo: { projects: number; seed: number }, env: Record<string, string> = {}): Promise<AnalyticsHub> {
  const databaseUrl = await isolatedDatabase(name);
  const analytics = await openTestAnalytics();
  const hub = await createTestHub(env, { databaseUrl, analytics: analytics.store });
  const baseUrl = await hub.listen();
  const { key } = await hub.services.apiKeys.create({ name: 'analytics test admin', role: 'admin' });
  await pushDemo({ ...demo, until: new Date('2026-06-30T12:00:00+08:00'), baseUrl, adminKey: key, log: createLogger('silent') });
  await hub.services.processor.idle();
  return {
    hub,
    store: analytics.store,
    databaseUrl,
    adminKey: key,
    baseUrl,
    async close() {
      await hub.close();
      await analytics.close();
    },
  };
}
