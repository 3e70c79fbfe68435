import type pg from 'pg';

/**
 * Runs `work` on a connection of its own holding a session advisory lock on `key`: jobs that
 * must happen once across every hub process (a sync, an early-warning run) take one.
 * `try` gives up at once and returns null when another holds it; `wait` queues for it.
 * The lock goes with the connection, so it is released before the connection is.
 */
export function withAdvisoryLock<T>(pool: pg.Pool, key: number, mode: 'wait', work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
export function withAdvisoryLock<T>(pool: pg.Pool, key: number, mode: 'try', work: (client: pg.PoolClient) => Promise<T>): Promise<T | null>;
export async function withAdvisoryLock<T>(pool: pg.Pool, key: number, mode: 'try' | 'wait', work: (client: pg.PoolClient) => Promise<T>): Promise<T | null> {
  const client = await pool.connect();
  try {
    if (mode === 'wait') await client.query('select pg_advisory_lock($1)', [key]);
    else if (!(await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key])).rows[0]!.ok) return null;
    try {
      return await work(client);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [key]);
    }
  } finally {
    client.release();
  }
}
