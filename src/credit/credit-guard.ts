import { TokenBucket } from 'limiter';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { maskLookupArgument } from '../entities/id-number';
import { RateLimitedError } from '../errors/domain-errors';
import { creditLookupLog, insertCreditLookup, type CreditOperation } from './credit-lookup.repository';

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

  /**
   * Takes the call's tokens, or refuses it with RATE_LIMITED. A refusal is audited like an
   * answer (resultCounts { rateLimited: 1 }), so the log shows a key hammering the hub. Only
   * this call is refused: its aliased siblings take their own tokens and answer.
   */
  async admit(caller: Caller, operation: CreditOperation, asked: string[], cost = 1): Promise<void> {
    const rate = caller.creditRate ?? this.defaults;
    let entry = this.buckets.get(caller.keyId);
    if (!entry || entry.perSecond !== rate.perSecond || entry.burst !== rate.burst) {
      entry = { bucket: new TokenBucket({ bucketSize: rate.burst, tokensPerInterval: rate.perSecond, interval: 'second' }), ...rate };
      entry.bucket.content = rate.burst;
      this.buckets.set(caller.keyId, entry);
    }
    const take = Math.min(cost, rate.burst);
    if (entry.bucket.tryRemoveTokens(take)) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(entry.bucket.getWaitTime(take) / 1000));
    await this.record(caller, operation, asked, { rateLimited: 1 });
    throw new RateLimitedError(retryAfterSeconds);
  }

  /** The audit log of lookups, newest first (`before`: an id from an earlier page). */
  auditLog(keyId: number | null, before: number | null, limit: number) {
    return creditLookupLog(this.db, keyId, before, limit);
  }

  /** Records a lookup; awaited, so a lookup that cannot be recorded is not answered either. */
  async record(caller: Caller, operation: CreditOperation, asked: string[], resultCounts: Record<string, number>): Promise<void> {
    await insertCreditLookup(this.db, {
      keyId: caller.keyId,
      operation,
      // Masked whether or not the check character is right (maskLookupArgument), and safe for
      // Postgres text: one NUL among a thousand codes must not fail the lookup's audit.
      asked: asked.map((a) => maskLookupArgument(a)),
      resultCounts,
    });
  }
}
