/**
 * npm run bench:dashboards -- [projects] [bids] : the analytics benchmark's region
 * (default 1,000,000 projects, 10,000,000 bids) generated into Postgres and synced to the
 * embedded ClickHouse engine, the hub serving it, and Debian's chromium opening the pages.
 * Prints the time from navigation until every figure and chart is drawn:
 * - the overview cold: a browser with an empty cache, the first load after the hub started;
 * - the overview warm: the same browser loading it again (assets cached, engine warm);
 * - the overview for a new visitor: a new browser with an empty cache, the hub already serving
 *   (what a policy maker opening the dashboards on a running hub waits for);
 * - the map page cold: a new browser with an empty cache (its boundaries fetched).
 * Goals (issue 14): overview warm under 1 s, cold under 2 s; map cold under 2 s.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { loadConfig } from '../src/config/config';
import { Registry } from '../src/registry/registry.service';
import { createApp } from '../src/server/app';
import { createLogger } from '../src/server/logger';
import { createServices } from '../src/server/services';
import { benchStores, generateAndSync } from './region-stores';

const projects = Number(process.argv[2] ?? 1_000_000);
const bids = Number(process.argv[3] ?? projects * 10);
const WARM_LOADS = 5;
const config = loadConfig();
const log = createLogger('warn');
execFileSync(process.execPath, ['dashboards/ensure-built.mjs'], { stdio: 'inherit' });
const { database, store, close } = await benchStores('dash', config, log);
const browser: Browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const ms = (t: number) => `${t.toFixed(0)} ms`;
try {
  await generateAndSync(database, store, log, projects, bids);
  const registry = await Registry.load(database.db);
  const services = createServices(database, registry, config, log, store);
  const app = await createApp({ config, database, services, log });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const { key } = await services.apiKeys.create({ name: 'bench', role: 'policy' });
  const year = new Date().getFullYear() - 1;
  const range = `from=${year}-01-01&to=${year}-12-31`;

  /** A fresh browser context (empty cache), signed in. */
  const fresh = async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const signIn = await context.request.post(`${base}/dashboards/api/session`, { data: { key } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${await signIn.text()}`);
    return context.newPage();
  };
  const timed = async (page: Awaited<ReturnType<typeof fresh>>, query: string, ready: string) => {
    const started = performance.now();
    await page.goto(`${base}/dashboards/?${query}`);
    await page.waitForSelector(ready, { timeout: 120_000 });
    return performance.now() - started;
  };

  // Ready: the seven headline figures are in and the trend chart is drawn.
  const overview = await fresh();
  // What the first visit downloads: bytes on the wire (compressed) and as run.
  const scripts: Array<Promise<[number, number]>> = [];
  overview.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    scripts.push(request.sizes().then(async (sizes) => [sizes.responseBodySize, (await (await request.response())!.body()).length]));
  });
  const cold = await timed(overview, `page=overview&${range}`, 'body[data-ready=overview] #trend-chart canvas');
  const sized = await Promise.all(scripts);
  overview.removeAllListeners('requestfinished');
  const warm: number[] = [];
  for (let i = 0; i < WARM_LOADS; i++) warm.push(await timed(overview, `page=overview&${range}`, 'body[data-ready=overview] #trend-chart canvas'));
  const visitor = await timed(await fresh(), `page=overview&${range}`, 'body[data-ready=overview] #trend-chart canvas');
  const map = await timed(await fresh(), `page=map&${range}`, 'body[data-ready=map] #map-chart canvas');
  const sorted = [...warm].sort((a, b) => a - b);
  console.log(`\ndashboards (${projects.toLocaleString('en')} projects, ${bids.toLocaleString('en')} bids), navigation until fully drawn:`);
  console.log(`  overview cold ${ms(cold)} (goal under 2,000 ms)`);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
  console.log(`    its scripts: ${sized.length} files, ${kb(sized.reduce((s, [wire]) => s + wire, 0))} on the wire, ${kb(sized.reduce((s, [, plain]) => s + plain, 0))} as run`);
  console.log(`  overview warm ${warm.map(ms).join(', ')}; median ${ms(sorted[Math.floor(sorted.length / 2)]!)} (goal under 1,000 ms)`);
  console.log(`  overview for a new visitor to the running hub (empty browser cache) ${ms(visitor)}`);
  console.log(`  map cold ${ms(map)} (goal under 2,000 ms)`);
  await app.close();
} finally {
  await browser.close();
  await close();
}
