import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  /** Called with every SQL statement the hub sends: the tests count them. */
  onQuery?: (sql: string) => void;
}

// DATE columns are calendar days, not instants: keep them as 'YYYY-MM-DD' strings so no
// time zone can move a penalty's decision date by a day.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function openDatabase(opts: DatabaseOptions): Database {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolMax });
  // A client losing its server (Postgres restarted, say) emits 'error'; unheard, that event
  // would crash the hub. The query in flight fails on its own, and the pool replaces the client.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const onQuery = opts.onQuery;
  const db = drizzle(pool, {
    schema,
    casing: 'snake_case',
    logger: onQuery ? { logQuery: (sql) => onQuery(sql) } : false,
  });
  return { db, pool, close: () => pool.end() };
}
