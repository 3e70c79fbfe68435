import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { withReplicas } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Logger } from 'pino';
import { ReplicaSet, type ReplicaOptions } from './replicas';
import * as schema from './schema';

/** drizzle over a pool; `$client` is that pool, for the few statements drizzle cannot build (catalog reads, DDL). */
export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A pool of connections, for code outside the repositories to hand to one (the part uploads). */
export type Pool = pg.Pool;

export interface Database {
  db: Db;
  /**
   * For reads that may lag by up to the allowed replica lag (credit lookups, entity search,
   * lists, the OCDS export): a replica that is within it, else the primary. Never for what
   * must read its own writes. Without replicas this is `db`.
   */
  reader: Db;
  /** The read replicas and whether each serves now; null when none is configured. */
  replicas: ReplicaSet<Db> | null;
  /** The API's connections: GraphQL, health, batch processing. */
  pool: pg.Pool;
  /**
   * Part uploads' own small pool: an upload holds a connection for as long as its body
   * streams, so slow senders can use up these and never the API's.
   */
  uploadPool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  /** Connections for part uploads (default 4): how many parts may stream at once. */
  uploadPoolMax?: number;
  /** How long a caller waits for a connection before the pool refuses (default 10 s): nothing waits forever. */
  acquireTimeoutMs?: number;
  /** Called with every SQL statement the hub sends: the tests count them. */
  onQuery?: (sql: string) => void;
  /** Streaming replicas for `reader` (DATABASE_REPLICA_URLS). */
  replicaUrls?: readonly string[];
  /** Allowed lag and how often it is measured (default 10 s and 2 s). */
  replica?: Partial<Omit<ReplicaOptions, 'log'>>;
  /**
   * Postgres's application_name for the API pool (default 'prt-hub'); the upload pool and the
   * replica checks add " upload" and " replica check". An operator reading pg_stat_activity
   * sees which process and which pool holds each connection.
   */
  applicationName?: string;
  log?: Logger;
}

// DATE columns are calendar days, not instants: keep them as 'YYYY-MM-DD' strings so no
// time zone can move a penalty's decision date by a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

function openPool(url: string, max: number, acquireTimeoutMs: number, applicationName: string): pg.Pool {
  // Postgres keeps 63 bytes of the name; ours are ASCII and well under that.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: acquireTimeoutMs, application_name: applicationName.slice(0, 63) });
  // A client losing its server (Postgres restarted, say) emits 'error'; unheard, that event
  // would crash the hub. The query in flight fails on its own, and the pool replaces the client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** pg's own words when connectionTimeoutMillis passes with no connection to give. */
export function isAcquireTimeout(error: unknown): boolean {
  return error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message);
}

// Postgres unreachable or going away: the request may be retried, the hub is not at fault.
const DATABASE_DOWN = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08001', '08006']);

/** Postgres busy (no connection came free in time) or unreachable: answered 503, never 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let root: unknown = error;
  while (root instanceof Error && root.cause instanceof Error) root = root.cause;
  if (!(root instanceof Error)) return false;
  const code = (root as { code?: unknown }).code;
  return isAcquireTimeout(root) || (typeof code === 'string' && DATABASE_DOWN.has(code)) || /^Connection terminated/.test(root.message);
}

export function openDatabase(opts: DatabaseOptions): Database {
  const acquireTimeoutMs = opts.acquireTimeoutMs ?? 10_000;
  const name = opts.applicationName ?? 'prt-hub';
  const pool = openPool(opts.url, opts.poolMax, acquireTimeoutMs, name);
  const uploadPool = openPool(opts.url, opts.uploadPoolMax ?? 4, acquireTimeoutMs, `${name} upload`);
  const onQuery = opts.onQuery;
  const drizzleOn = (p: pg.Pool): Db =>
    drizzle(p, {
      schema,
      casing: 'snake_case',
      logger: onQuery ? { logQuery: (sql) => onQuery(sql) } : false,
    });
  const db = drizzleOn(pool);
  const replicaPools = (opts.replicaUrls ?? []).map((url) => {
    const replicaPool = openPool(url, opts.poolMax, acquireTimeoutMs, name);
    return { url, pool: replicaPool, db: drizzleOn(replicaPool) };
  });
  let reader = db;
  let replicas: ReplicaSet<Db> | null = null;
  let probe: pg.Pool | null = null;
  if (replicaPools.length > 0) {
    // The lag checks have a connection of their own to the primary: never one of the API's.
    probe = openPool(opts.url, 1, acquireTimeoutMs, `${name} replica check`);
    const set = new ReplicaSet<Db>(
      { pool, db, probe },
      replicaPools,
      { maxLagMs: opts.replica?.maxLagMs ?? 10_000, checkEveryMs: opts.replica?.checkEveryMs ?? 2_000, log: opts.log },
      isDatabaseUnavailable,
    );
    replicas = set;
    // drizzle sends selects to the replica it is given and everything else to the primary; the
    // reader is only handed to services that read, so their raw SQL (execute) may go there too.
    const routed = withReplicas(db, replicaPools.map((r) => r.db) as [Db, ...Db[]], () => set.pick());
    reader = Object.assign(routed, { execute: ((...args: Parameters<Db['execute']>) => set.pick().execute(...args)) as Db['execute'] });
    void set.start();
  }
  return {
    db,
    reader,
    replicas,
    pool,
    uploadPool,
    close: async () => {
      replicas?.stop();
      await Promise.all([pool.end(), uploadPool.end(), probe?.end(), ...replicaPools.map((r) => r.pool.end())]);
    },
  };
}
