/**
 * npm run bench:dashboards -- [projects] [bids] : the analytics benchmark's region
 * (default 1,000,000 projects, 10,000,000 bids) generated into Postgres and synced to the
 * embedded ClickHouse engine, the hub serving it, and Debian's chromium opening the overview
 * page: prints the time from navigation until every figure and chart is drawn, over several
 * loads (the first cold, the rest warm).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { runAnalyticsMigrations } from '../src/analytics/migrate';
import { openAnalyticsStore } from '../src/analytics/store';
import { AnalyticsSync } from '../src/analytics/sync/analytics-sync';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/migrate';
import { seedReferenceData } from '../src/registry/registry.repository';
import { Registry } from '../src/registry/registry.service';
import { createApp } from '../src/server/app';
import { createLogger } from '../src/server/logger';
import { createServices } from '../src/server/services';
import { generateRegion } from './generate-region';

const projects = Number(process.argv[2] ?? 1_000_000);
const bids = Number(process.argv[3] ?? projects * 10);
const LOADS = 5;
const config = loadConfig();
const log = createLogger('warn');
const dir = await mkdtemp(path.join(tmpdir(), 'hub-bench-dash-'));
await chmod(dir, 0o755);
execFileSync(process.execPath, ['dashboards/ensure-built.mjs'], { stdio: 'inherit' });
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: 55000 + Math.floor(Math.random() * 90), database: 'bench', log });
const database = openDatabase({ url: config.databaseUrl ?? embedded!.url, poolMax: 8 });
const store = await openAnalyticsStore({ ...config.analytics, url: undefined, embeddedDir: path.join(dir, 'clickhouse') }, log);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  await runMigrations(database.pool);
  await seedReferenceData(database.db);
  await runAnalyticsMigrations(store);
  await generateRegion(database.pool, projects, bids);
  const synced = await new AnalyticsSync(database, store, log).rebuild();
  console.log(`analytics rebuild: ${(synced.ms / 1000).toFixed(1)} s`);
  const registry = await Registry.load(database.db);
  const services = createServices(database, registry, config, log, store);
  const app = await createApp({ config, database, services, log });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { key } = await services.apiKeys.create({ name: 'bench', role: 'policy' });

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const signIn = await page.request.post(`${base}/dashboards/api/session`, { data: { key } });
  if (!signIn.ok()) throw new Error(`sign-in failed: ${await signIn.text()}`);
  const url = `${base}/dashboards/?page=overview&from=2025-01-01&to=2025-12-31`;
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const started = performance.now();
    await page.goto(url);
    // Ready: the seven headline figures are in and the trend chart is drawn.
    await page.waitForSelector('body[data-ready=overview] #trend-chart canvas', { timeout: 60_000 });
    times.push(performance.now() - started);
  }
  await page.screenshot({ path: path.join(dir, 'overview.png') });
  console.log(`overview page complete after navigation (${projects.toLocaleString('en')} projects, ${bids.toLocaleString('en')} bids):`);
  console.log(
    `  first load ${times[0]!.toFixed(0)} ms; then ${times
      .slice(1)
      .map((t) => t.toFixed(0))
      .join(', ')} ms (goal: under 2,000 ms)`,
  );
  await app.close();
} finally {
  await browser.close();
  await store.close();
  await database.close();
  await embedded?.stop();
  await rm(dir, { recursive: true, force: true });
}
