import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';

/**
 * Counts one attempt in the named fixed window (rate_buckets: `tokens` holds the count and
 * `refilled_at` the window's start), in one statement that every hub process shares: a new
 * window starts when the last one has run `windowMs`. Returns the count so far and the
 * milliseconds left in the window.
 */
export async function countInWindow(db: Db, name: string, windowMs: number): Promise<{ current: number; ttlMs: number }> {
  const window = sql`make_interval(secs => ${windowMs / 1000}::float8)`;
  const { rows } = await db.execute<{ current: number; ttl_ms: number }>(sql`
    insert into rate_buckets as b (name, tokens, refilled_at) values (${name}, 1, now())
    on conflict (name) do update
       set tokens = case when b.refilled_at + ${window} <= now() then 1 else b.tokens + 1 end,
           refilled_at = case when b.refilled_at + ${window} <= now() then now() else b.refilled_at end
    returning b.tokens::int as current, greatest(0, extract(epoch from b.refilled_at + ${window} - now()) * 1000)::float8 as ttl_ms`);
  return { current: Number(rows[0]!.current), ttlMs: Number(rows[0]!.ttl_ms) };
}
