import { requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { verifyLedger, type LedgerVerification } from './ledger';

/** The ingestion ledger (存证) for operators: walking it reads every stored row, so admin only. */
export class LedgerService {
  /** The walk under way, if any. */
  private running: Promise<LedgerVerification> | null = null;

  constructor(private readonly db: Db) {}

  /**
   * One walk at a time per process: callers who ask while one is under way (an operation
   * that names the field under several aliases, an operator pressing again) share its
   * answer. Each walk reads every staged line and stored row; twenty at once would hold
   * the pool for as long as the ledger takes to read, and the API would wait behind them.
   */
  verify(caller: Caller | null): Promise<LedgerVerification> {
    requireRole(caller, ['admin'], 'the ledger');
    this.running ??= verifyLedger(this.db).finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
