import { requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { verifyLedger, type LedgerVerification } from './ledger';

/** The ingestion ledger (存证) for operators: walking it reads every stored row, so admin only. */
export class LedgerService {
  constructor(private readonly db: Db) {}

  verify(caller: Caller | null): Promise<LedgerVerification> {
    requireRole(caller, ['admin'], 'the ledger');
    return verifyLedger(this.db);
  }
}
