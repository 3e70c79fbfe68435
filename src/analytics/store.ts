import { mkdir, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../config/config';
import { AnalyticsUnavailableError } from '../errors/domain-errors';
import { CLUSTER_SETTINGS, truncateStatement, type ClusterLayout } from './cluster';

/**
 * The oldest ClickHouse server the hub accepts: the 25.8 long-term-support line. Older
 * servers lack what the analytics rely on (`{name:Type}` parameters, which 18.16 has not,
 * lightweight FINAL on ReplacingMergeTree, Decimal quirks fixed since).
 */
export const MIN_SERVER_VERSION = '25.8';

export interface AnalyticsStore {
  /** `embedded`: the chdb engine inside this process; `server`: a ClickHouse server over HTTP(S). */
  engine: 'embedded' | 'server';
  version: string;
  /** Where it lives, for messages: a folder or a URL without credentials. */
  location: string;
  /** Set: the tables are Distributed over this cluster's shards (see cluster.ts). */
  cluster: ClusterLayout | null;
  /**
   * Runs one SELECT with `{name:Type}` parameters and validates every row with `row`:
   * a server sends 64-bit integers as strings and chdb as numbers, so rows are coerced
   * here and nowhere else.
   */
  select<T>(query: string, params: Record<string, unknown>, row: z.ZodType<T>): Promise<T[]>;
  command(query: string, params?: Record<string, unknown>): Promise<void>;
  /**
   * Inserts one piece of rows: a CSV body with its columns, or objects as JSONEachRow. `token`
   * names the piece uniquely (its round and number): on a cluster it is the insert's
   * deduplication token, and an insert whose answer was lost is sent once more with it, so a
   * piece the shards already hold is not written twice.
   */
  insert(table: string, rows: { csv: Buffer; columns: readonly string[] } | { objects: readonly object[] }, token: string): Promise<void>;
  /** Empties a table (on a cluster, its shards' local tables). */
  truncate(table: string): Promise<void>;
  close(): Promise<void>;
}

/** The store, or ANALYTICS_UNAVAILABLE for a process running without one (tools, some tests). */
export function requireStore(store: AnalyticsStore | null): AnalyticsStore {
  if (!store) throw new AnalyticsUnavailableError('The analytics store is not running in this process.');
  return store;
}

/** The store could not be opened; `message` says what to fix. */
export class AnalyticsStartError extends Error {
  override name = 'AnalyticsStartError';
}

type AnalyticsConfig = Config['analytics'];

/**
 * Opens the analytics store: the configured server, or the embedded engine in its data
 * folder. Checks the server's version and says clearly when it cannot be reached, refuses
 * the credentials, or is too old.
 */
export async function openAnalyticsStore(config: AnalyticsConfig, log: Logger): Promise<AnalyticsStore> {
  if (!config.url) {
    await mkdir(config.embeddedDir, { recursive: true });
    // One engine per process and data folder (chdb's rule): the hub holds it while it runs.
    // The folder is the hub's alone, so its tables live in the engine's default database
    // (chdb does not apply the client's `database` option).
    // On a cluster the embedded engine has no Keeper and no ON CLUSTER: plain local tables
    // under the Distributed ones, the cluster defined in a config.xml in its working folder.
    const cluster = config.cluster ? { name: config.cluster, replicated: false } : null;
    const client = createClient({ connection: embeddedConnection(config.embeddedDir), ...(cluster ? { clickhouse_settings: CLUSTER_SETTINGS } : {}) });
    const version = await readVersion(client);
    if (cluster) await requireCluster(client, cluster.name, config.embeddedDir);
    log.info({ dataDir: config.embeddedDir, version, cluster: cluster?.name }, 'analytics on the embedded ClickHouse engine (chdb)');
    return wrap(client, 'embedded', version, config.embeddedDir, cluster);
  }
  const location = redact(config.url);
  const base = {
    url: config.url,
    username: config.user,
    password: config.password,
    request_timeout: 60_000,
    // The client would log failures itself; the hub reports them once, in words.
    log: { level: ClickHouseLogLevel.OFF },
    ...(config.caCertFile ? { tls: { ca_cert: await readFile(config.caCertFile) } } : {}),
  };
  const admin = createClient(base);
  let version: string;
  try {
    version = await readVersion(admin);
  } catch (error) {
    await admin.close();
    throw new AnalyticsStartError(explainServerError(error, location, config.user));
  }
  if (compareVersions(version, MIN_SERVER_VERSION) < 0) {
    await admin.close();
    throw new AnalyticsStartError(
      `The ClickHouse server at ${location} is version ${version}; the hub needs ${MIN_SERVER_VERSION} or newer ` +
        `(a long-term-support release). Upgrade the server, or unset CLICKHOUSE_URL to use the embedded engine.`,
    );
  }
  const cluster = config.cluster ? { name: config.cluster, replicated: true } : null;
  if (cluster) await requireCluster(admin, cluster.name, location);
  await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}${cluster ? ` ON CLUSTER ${cluster.name}` : ''}` });
  await admin.close();
  const client = createClient({ ...base, database: config.database, ...(cluster ? { clickhouse_settings: CLUSTER_SETTINGS } : {}) });
  log.info({ url: location, version, database: config.database, cluster: cluster?.name }, 'analytics on a ClickHouse server');
  return wrap(client, 'server', version, location, cluster);
}

/**
 * chdb types its Connection against @clickhouse/client-common, which @clickhouse/client now
 * bundles under its own name: the same interface twice, so the cast is only for the compiler.
 */
type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;
const embeddedConnection = (dataDir: string) => createChdbConnection({ path: dataDir }) as unknown as ClientConnection;

/**
 * Refuses a CLICKHOUSE_CLUSTER the engine does not know, before any DDL: otherwise the first
 * migration would fail with the engine's own words about a missing cluster.
 */
async function requireCluster(client: ClickHouseClient, name: string, location: string): Promise<void> {
  const result = await client.query({ query: 'SELECT count() AS n FROM system.clusters WHERE cluster = {name:String}', query_params: { name }, format: 'JSONEachRow' });
  const [row] = await result.json<{ n: number | string }>();
  if (Number(row?.n ?? 0) > 0) return;
  await client.close();
  throw new AnalyticsStartError(
    `CLICKHOUSE_CLUSTER is '${name}', but ClickHouse at ${location} has no cluster of that name in its remote_servers. ` +
      `Define it in the servers' configuration (docs/deployment.md), or unset CLICKHOUSE_CLUSTER for a single node.`,
  );
}

function wrap(client: ClickHouseClient, engine: AnalyticsStore['engine'], version: string, location: string, cluster: ClusterLayout | null): AnalyticsStore {
  return {
    engine,
    version,
    location,
    cluster,
    async select(query, params, row) {
      const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
      return checkRows(await result.json<unknown>(), row);
    },
    async command(query, params) {
      await client.command({ query, query_params: params });
    },
    async insert(table, rows, token) {
      const settings = cluster ? { clickhouse_settings: { insert_deduplication_token: token } } : {};
      // A stream is read once: each try makes its own.
      const send = () =>
        'csv' in rows
          ? client.insert({ table, values: Readable.from([rows.csv], { objectMode: false }), format: 'CSV', columns: rows.columns as [string, ...string[]], ...settings })
          : client.insert({ table, values: rows.objects as object[], format: 'JSONEachRow', ...settings });
      try {
        await send();
      } catch (error) {
        // Without a cluster there is no token to make a second try safe: a retried sync round
        // relies on ReplacingMergeTree's versions instead.
        if (!cluster) throw error;
        await send();
      }
    },
    async truncate(table) {
      await client.command({ query: truncateStatement(table, cluster) });
    },
    async close() {
      await client.close();
    },
  };
}

/** Each row checked against its schema (and coerced by it), or an error naming the row at fault. */
export function checkRows<T>(rows: unknown[], row: z.ZodType<T>): T[] {
  return rows.map((r, n) => {
    const parsed = row.safeParse(r);
    if (!parsed.success) throw new Error(`analytics row ${n} does not fit its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}

/**
 * `SELECT version()` as plain text: the one statement every ClickHouse release answers the
 * same way, so even a server too old for the hub can be told so.
 */
async function readVersion(client: ClickHouseClient): Promise<string> {
  const result = await client.query({ query: 'SELECT version()', format: 'TabSeparated' });
  return (await result.text()).trim();
}

/** -1, 0 or 1 comparing dotted versions ("25.8.1.3" against "25.8"), by the parts both have. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0) ? -1 : 1;
  }
  return 0;
}

function redact(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/$/, '');
}

/** Turns a failed first contact into a sentence an operator can act on. */
function explainServerError(error: unknown, location: string, user: string): string {
  const e = error as { code?: string; type?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED')
    return `Cannot reach ClickHouse at ${location}: nothing is listening there (connection refused). Check CLICKHOUSE_URL and that the server is running.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot reach ClickHouse at ${location}: the host name does not resolve. Check CLICKHOUSE_URL.`;
  if (code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) return `Cannot reach ClickHouse at ${location}: no answer in time. Check CLICKHOUSE_URL and the network.`;
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'SELF_SIGNED_CERT_IN_CHAIN') {
    return `ClickHouse at ${location} presented a certificate this machine does not trust (${code}). Set CLICKHOUSE_CA_CERT to the CA's PEM file.`;
  }
  if (e.type === 'AUTHENTICATION_FAILED' || e.type === 'REQUIRED_PASSWORD' || code === '516' || code === '194' || /password|authentication|unknown user/i.test(e.message ?? '')) {
    return `ClickHouse at ${location} refused user '${user}': wrong user name or password. Check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD.`;
  }
  return `ClickHouse at ${location} could not be used: ${(e.message ?? String(error)).split('\n')[0]}`;
}
