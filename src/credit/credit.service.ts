import { CREDIT_READERS, requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Loaders } from '../graphql/loaders';
import type { BlacklistEntry, CreditRecord, Penalty } from './credit.type';
import { toBlacklistEntry, toCreditRecord, toPenalty } from './pushed-credit.service';

/** Credit rows of an entity: for credit integrations, supervisors and admin only. */
export class CreditService {
  async penalties(caller: Caller | null, loaders: Loaders, entityId: number): Promise<Penalty[]> {
    requireRole(caller, CREDIT_READERS, 'penalties');
    return (await loaders.penaltiesByEntity.load(entityId)).map(toPenalty);
  }

  async blacklistEntries(caller: Caller | null, loaders: Loaders, entityId: number): Promise<BlacklistEntry[]> {
    requireRole(caller, CREDIT_READERS, 'blacklist entries');
    return (await loaders.blacklistByEntity.load(entityId)).map(toBlacklistEntry);
  }

  async creditRecords(caller: Caller | null, loaders: Loaders, entityId: number): Promise<CreditRecord[]> {
    requireRole(caller, CREDIT_READERS, 'credit records');
    return (await loaders.creditRecordsByEntity.load(entityId)).map(toCreditRecord);
  }
}
