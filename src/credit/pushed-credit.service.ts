import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { decodeCursor, pageSize, toConnection } from '../graphql/pagination';
import { provenanceOf } from '../graphql/provenance.type';
import type { BlacklistEntryRow, CreditRecordRow, PenaltyRow } from './credit.repository';
import { BlacklistType, CreditPolarity, type BlacklistEntry, type CreditRecord, type Penalty } from './credit.type';
import { countPushedCredit, pushedBlacklistEntries, pushedCreditRecords, pushedPenalties, type PushedCreditKind } from './pushed-credit.repository';

/** The push sources a caller may read back (BatchService.readableSources): its own platform's, or for admin any. */
export type ReadableSources = (caller: Caller | null, platformCode: string | null | undefined) => Promise<number[] | null>;

export const toPenalty = (r: PenaltyRow): Penalty => ({ ...r, provenance: provenanceOf(r) });
export const toBlacklistEntry = (r: BlacklistEntryRow): BlacklistEntry => ({ ...r, listType: r.listType as BlacklistType, provenance: provenanceOf(r) });
export const toCreditRecord = (r: CreditRecordRow): CreditRecord => ({ ...r, polarity: r.polarity as CreditPolarity, provenance: provenanceOf(r) });

/**
 * A platform reads back the penalties, blacklist entries and credit records it pushed.
 * The credit rows of an entity stay for credit keys, supervisors and admin (CREDIT_READERS):
 * this reads by sender, not by entity, so a platform learns nothing it did not send itself.
 */
export class PushedCreditService {
  constructor(
    private readonly db: Db,
    private readonly sources: ReadableSources,
    private readonly pageLimits: { default: number; max: number },
  ) {}

  penalties(caller: Caller | null, platformCode: string | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    return this.page(caller, 'penalties', pushedPenalties, toPenalty, platformCode, first, after);
  }

  blacklistEntries(caller: Caller | null, platformCode: string | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    return this.page(caller, 'blacklistEntries', pushedBlacklistEntries, toBlacklistEntry, platformCode, first, after);
  }

  creditRecords(caller: Caller | null, platformCode: string | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    return this.page(caller, 'creditRecords', pushedCreditRecords, toCreditRecord, platformCode, first, after);
  }

  private async page<R extends { id: number }, N>(
    caller: Caller | null,
    kind: PushedCreditKind,
    fetch: (db: Db, sourceIds: number[] | null, beforeId: number | null, limit: number) => Promise<R[]>,
    toNode: (row: R) => N,
    platformCode: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const sourceIds = await this.sources(caller, platformCode);
    const size = pageSize(first, this.pageLimits);
    const beforeId = after ? (decodeCursor('after', after, ['number'])[0] as number) : null;
    const rows = await fetch(this.db, sourceIds, beforeId, size + 1);
    return { ...toConnection(rows, size, toNode, (r) => [r.id]), countTotal: () => countPushedCredit(this.db, kind, sourceIds) };
  }
}
