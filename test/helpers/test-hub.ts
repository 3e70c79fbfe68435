import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { inject } from 'vitest';
import type { AnalyticsStore } from '../../src/analytics/store';
import { loadConfig } from '../../src/config/config';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate';
import { openDatabase, type Database } from '../../src/db/database';
import { Registry } from '../../src/registry/registry.service';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { prepareDatabase } from '../../src/server/runtime';
import { createServices, type Services } from '../../src/server/services';
import { leakScanner, scanFetchesTo, scanInjections } from './leak-scanner';
import { replicasOfDatabase } from './processes';

export interface GqlResult {
  status: number;
  data: Record<string, any> | null | undefined;
  errors: Array<{ message: string; extensions?: { code?: string; argument?: string; stacktrace?: unknown } }> | undefined;
  raw: string;
}

export interface TestHub {
  app: FastifyInstance;
  database: Database;
  registry: Registry;
  services: Services;
  /**
   * This hub's application_name in Postgres: test files run side by side on one database, so
   * a test looking for its hub's connections in pg_stat_activity picks them by this.
   */
  applicationName: string;
  /** SQL statements sent since the hub was created. */
  statements(): number;
  gql(query: string, opts?: { key?: string; variables?: Record<string, unknown> }): Promise<GqlResult>;
  /** Listens on a free loopback port, for tests that need a real socket; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real hub (Fastify, Apollo, services) on the test Postgres, driven through HTTP
 * injection. `databaseUrl` points it at a database of its own (see isolatedDatabase);
 * `analytics` gives it an analytics store; `log`, a logger to read (default: silent).
 */
export async function createTestHub(
  env: Record<string, string> = {},
  opts: {
    databaseUrl?: string;
    analytics?: AnalyticsStore;
    log?: Logger;
    replicaUrls?: string[];
    replica?: { maxLagMs?: number; checkEveryMs?: number };
  } = {},
): Promise<TestHub> {
  let statements = 0;
  // Each test hub counts its own sign-ins, as a hub of its own would; two hubs meant as one
  // process pair (two-hubs.test) pass the same RATE_LIMIT_SCOPE.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_SCOPE: `test-${randomUUID().slice(0, 8)}`, ...env });
  const url = opts.databaseUrl ?? inject('databaseUrl');
  const applicationName = `test-hub ${randomUUID().slice(0, 8)}`;
  const database = openDatabase({
    url,
    applicationName,
    // With the CI's streaming replica (DATABASE_REPLICA_URLS), lag-tolerant reads go to it.
    replicaUrls: opts.replicaUrls ?? replicasOf(url),
    replica: opts.replica ?? { checkEveryMs: 500 },
    poolMax: 4,
    uploadPoolMax: config.push.maxConcurrentUploads,
    acquireTimeoutMs: config.acquireTimeoutMs,
    onQuery: () => void statements++,
  });
  const registry = await Registry.load(database.db);
  const log = opts.log ?? createLogger('silent');
  const services = createServices(database, registry, config, log, opts.analytics ?? null);
  const app = await createApp({ config, database, services, log });
  await app.ready();
  // Every response a test receives from this hub is scanned for ID numbers in clear.
  scanInjections(app);
  const stopScanning = scanFetchesTo(() => {
    const address = app.server.address();
    return address && typeof address === 'object' ? address.port : undefined;
  });
  return {
    app,
    database,
    registry,
    services,
    applicationName,
    statements: () => statements,
    async gql(query, opts = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
        payload: JSON.stringify({ query, variables: opts.variables }),
      });
      const body = JSON.parse(response.body) as { data?: Record<string, any> | null; errors?: GqlResult['errors'] };
      return { status: response.statusCode, data: body.data, errors: body.errors, raw: response.body };
    },
    async listen() {
      await app.listen({ port: 0, host: '127.0.0.1' });
      return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    },
    async close() {
      stopScanning();
      leakScanner.save();
      await app.close();
      await services.warningRuns?.idle();
      await database.close();
    },
  };
}

/**
 * The test replicas' URLs for a database of the test server: a streaming replica copies every
 * database of its primary, so an isolated database has its replica too, under the same name.
 */
export function replicasOf(primaryUrl: string): string[] {
  return replicasOfDatabase(inject('databaseReplicaUrls'), primaryUrl);
}

/** The error codes of a result, in order. */
export const codes = (result: GqlResult) => (result.errors ?? []).map((e) => e.extensions?.code);

/** An empty database of its own on the test server (dropped first if a run left one), by URL. */
export async function emptyDatabase(name: string): Promise<string> {
  const base = inject('databaseUrl');
  const admin = openDatabase({ url: base, poolMax: 1 });
  const dbName = `${new URL(base).pathname.slice(1)}_${name}`;
  try {
    await admin.pool.query(`drop database if exists "${dbName}" with (force)`);
    await admin.pool.query(`create database "${dbName}"`);
  } finally {
    await admin.close();
  }
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/**
 * A fresh database of its own on the test server, migrated and seeded, for tests that
 * compare whole tables (analytics) and must not see other test files' rows.
 */
export async function isolatedDatabase(name: string): Promise<string> {
  const url = await emptyDatabase(name);
  const database = openDatabase({ url, poolMax: 2 });
  try {
    await prepareDatabase(database, loadConfig({}));
  } finally {
    await database.close();
  }
  return url;
}

/** A database of its own, migrated only as far as `lastIdx`: a hub as it stood before a migration. */
export async function databaseAt(name: string, lastIdx: number): Promise<string> {
  const url = await emptyDatabase(name);
  const folder = await mkdtemp(path.join(tmpdir(), 'migrations-'));
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: Array<{ idx: number }> };
  journal.entries = journal.entries.filter((e) => e.idx <= lastIdx);
  await writeFile(journalFile, JSON.stringify(journal));
  const database = openDatabase({ url, poolMax: 1 });
  try {
    await migrate(drizzle(database.pool), { migrationsFolder: folder });
  } finally {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  }
  return url;
}
