import type pg from 'pg';

/**
 * Runs `work` while holding an advisory lock on `key`: jobs that must happen once across every
 * hub process (a migration, a sync, an early-warning run) take one. `try` gives up at once and
 * returns null when another holds it; `wait` queues for it.
 *
 * The lock is a transaction lock, held by a transaction left open on a connection of its own
 * for as long as `work` runs, and released by its commit (or by the connection's end, if the
 * process dies). A session lock would not survive a pooler in transaction mode (pgbouncer):
 * the lock and its unlock may reach different server connections, and a lock left on one
 * would stop every later run. `work` runs on other connections, so its own transactions are
 * its own. The open transaction holds no snapshot (READ COMMITTED) and keeps nothing from vacuum.
 */
export function withAdvisoryLock<T>(pool: pg.Pool, key: number, mode: 'wait', work: () => Promise<T>): Promise<T>;
export function withAdvisoryLock<T>(pool: pg.Pool, key: number, mode: 'try', work: () => Promise<T>): Promise<T | null>;
export async function withAdvisoryLock<T>(pool: pg.Pool, key: number, mode: 'try' | 'wait', work: () => Promise<T>): Promise<T | null> {
  const holder = await pool.connect();
  let broken: unknown = undefined;
  try {
    await holder.query('begin');
    if (mode === 'wait') await holder.query('select pg_advisory_xact_lock($1)', [key]);
    else if (!(await holder.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [key])).rows[0]!.ok) {
      await holder.query('rollback');
      return null;
    }
    try {
      return await work();
    } finally {
      await holder.query('commit').catch((error: unknown) => void (broken = error));
    }
  } catch (error) {
    broken ??= error;
    await holder.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    // A connection whose transaction could not be ended is not given back to the pool.
    holder.release(broken instanceof Error ? broken : undefined);
  }
}

/** `work` with a connection of the pool, given back after it. */
export async function withConnection<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}
