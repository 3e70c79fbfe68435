import { TokenBucket } from 'limiter';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import { isValidIdNumber, maskIdNumber } from '../entities/id-number';
import { RateLimitedError } from '../errors/domain-errors';

export type CreditOperation = (typeof t.creditLookups.$inferInsert)['operation'];

/**
 * The gate of the credit hot path: a token bucket per key (the `limiter` package) and the
 * audit log of every lookup. Every resolver call takes tokens, so twenty aliased lookups
 * in one request cost twenty; a 1,000-code batch costs one token per 100 codes. Buckets live
 * in this process: with several hub processes behind a balancer, each allows the rate.
 */
export class CreditGuard {
  private readonly buckets = new Map<number, { bucket: TokenBucket; perSecond: number; burst: number }>();

  constructor(
    private readonly db: Db,
    private readonly defaults: { perSecond: number; burst: number },
  ) {}

  admit(caller: Caller, cost = 1): void {
    const rate = caller.creditRate ?? this.defaults;
    let entry = this.buckets.get(caller.keyId);
    if (!entry || entry.perSecond !== rate.perSecond || entry.burst !== rate.burst) {
      entry = { bucket: new TokenBucket({ bucketSize: rate.burst, tokensPerInterval: rate.perSecond, interval: 'second' }), ...rate };
      entry.bucket.content = rate.burst;
      this.buckets.set(caller.keyId, entry);
    }
    const take = Math.min(cost, rate.burst);
    if (!entry.bucket.tryRemoveTokens(take)) throw new RateLimitedError(Math.max(1, Math.ceil(entry.bucket.getWaitTime(take) / 1000)));
  }

  /** Records a lookup; awaited, so a lookup that cannot be recorded is not answered either. */
  async record(caller: Caller, operation: CreditOperation, asked: string[], resultCounts: Record<string, number>): Promise<void> {
    await this.db.insert(t.creditLookups).values({
      keyId: caller.keyId,
      operation,
      asked: asked.map((a) => (isValidIdNumber(a.replace(/\s/g, '')) ? maskIdNumber(a.replace(/\s/g, ''))! : a.slice(0, 200))),
      resultCounts,
    });
  }
}
