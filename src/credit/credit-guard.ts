import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { maskLookupArgument } from '../entities/id-number';
import { RateLimitedError } from '../errors/domain-errors';
import { creditLookupLog, insertCreditLookup, type CreditLookupFilter, type CreditOperation } from './credit-lookup.repository';
import { takeTokens } from './rate-bucket.repository';

/**
 * The gate of the credit hot path: a token bucket per key and the audit log of every lookup.
 * Every resolver call takes tokens, so twenty aliased lookups in one request cost twenty; a
 * 1,000-code batch costs one token per 100 codes. The buckets are rows in Postgres
 * (rate_buckets), so a key's rate holds across every hub process behind a balancer: one
 * statement per call, beside the audit row each call writes anyway.
 */
export class CreditGuard {
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
    const take = Math.min(cost, rate.burst);
    const waitMs = await takeTokens(this.db, `credit:${caller.keyId}`, take, rate);
    if (waitMs === 0) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    await this.record(caller, operation, asked, { rateLimited: 1 });
    throw new RateLimitedError(retryAfterSeconds);
  }

  /** The audit log of lookups, newest first (`before`: an id from an earlier page; `from`/`to`: a period). */
  auditLog(filter: CreditLookupFilter, limit: number) {
    return creditLookupLog(this.db, filter, limit);
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
