import { CREDIT_READERS, requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Loaders } from '../graphql/loaders';
import { provenanceOf } from '../graphql/provenance.type';
import { BlacklistType, CreditPolarity, type BlacklistEntry, type CreditRecord, type Penalty } from './credit.type';

/** Credit rows of an entity: for credit integrations, supervisors and admin only. */
export class CreditService {
  async penalties(caller: Caller | null, loaders: Loaders, entityId: number): Promise<Penalty[]> {
    requireRole(caller, CREDIT_READERS, 'penalties');
    const rows = await loaders.penaltiesByEntity.load(entityId);
    return rows.map((r) => ({ ...r, provenance: provenanceOf(r) }));
  }

  async blacklistEntries(caller: Caller | null, loaders: Loaders, entityId: number): Promise<BlacklistEntry[]> {
    requireRole(caller, CREDIT_READERS, 'blacklist entries');
    const rows = await loaders.blacklistByEntity.load(entityId);
    return rows.map((r) => ({ ...r, listType: r.listType as BlacklistType, provenance: provenanceOf(r) }));
  }

  async creditRecords(caller: Caller | null, loaders: Loaders, entityId: number): Promise<CreditRecord[]> {
    requireRole(caller, CREDIT_READERS, 'credit records');
    const rows = await loaders.creditRecordsByEntity.load(entityId);
    return rows.map((r) => ({ ...r, polarity: r.polarity as CreditPolarity, provenance: provenanceOf(r) }));
  }
}
