import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Tx } from '../db/tx';

export interface BucketRate {
  perSecond: number;
  burst: number;
}

/**
 * Takes `take` tokens from the named bucket in one statement, or none: the bucket is refilled
 * by the time since its last take (at `perSecond`, up to `burst`) and the take applies only if
 * that leaves enough. A new bucket starts full. The row lock of ON CONFLICT makes concurrent
 * takes, from any process, wait for one another, so no two spend the same token.
 * Returns 0 when taken, else the milliseconds until the take would succeed.
 */
export async function takeTokens(db: Db | Tx, name: string, take: number, rate: BucketRate): Promise<number> {
  // now() is when the statement began, and a take that waited for another's row lock began
  // before that take wrote its time: counted as it stands, the time since would be negative
  // and cost tokens (two of three concurrent takes from a bucket of two refused). Time only
  // runs forward here.
  const refilled = sql`least(${rate.burst}::float8, b.tokens + greatest(0, extract(epoch from now() - b.refilled_at))::float8 * ${rate.perSecond}::float8)`;
  const taken = await db.execute<{ tokens: number }>(sql`
    insert into rate_buckets as b (name, tokens, refilled_at)
    values (${name}, ${rate.burst}::float8 - ${take}::float8, now())
    on conflict (name) do update set tokens = ${refilled} - ${take}::float8, refilled_at = greatest(b.refilled_at, now())
     where ${refilled} >= ${take}::float8
    returning b.tokens`);
  if (taken.rows.length > 0) return 0;
  const waiting = await db.execute<{ wait_ms: number }>(sql`
    select greatest(0, (${take}::float8 - ${refilled}) / ${rate.perSecond}::float8 * 1000) as wait_ms
      from rate_buckets b where b.name = ${name}`);
  return Math.max(1, Math.ceil(Number(waiting.rows[0]?.wait_ms ?? 1000)));
}
