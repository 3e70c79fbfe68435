import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;
/** A pool of connections, for code outside the repositories to hand to one (the part uploads). */
export type Pool = pg.Pool;

export interface Database {
  db: Db;
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
}

// DATE columns are calendar days, not instants: keep them as 'YYYY-MM-DD' strings so no
// time zone can move a penalty's decision date by a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

function openPool(url: string, max: number, acquireTimeoutMs: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: acquireTimeoutMs });
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
  const pool = openPool(opts.url, opts.poolMax, acquireTimeoutMs);
  const uploadPool = openPool(opts.url, opts.uploadPoolMax ?? 4, acquireTimeoutMs);
  const onQuery = opts.onQuery;
  const db = drizzle(pool, {
    schema,
    casing: 'snake_case',
    logger: onQuery ? { logQuery: (sql) => onQuery(sql) } : false,
  });
  return { db, pool, uploadPool, close: async () => void (await Promise.all([pool.end(), uploadPool.end()])) };
}
