import { and, count, desc, inArray, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import { blacklistEntries, creditRecords, penalties } from '../db/schema';
import type { BlacklistEntryRow, CreditRecordRow, PenaltyRow } from './credit.repository';

// Credit rows by the source that sent them, newest stored first: what a platform reads back
// of its own pushes. The (source, source record) key of each table serves the source condition.

export type PushedCreditKind = 'penalties' | 'blacklistEntries' | 'creditRecords';

const bySource = (cols: { id: PgColumn; sourceId: PgColumn }, sourceIds: number[] | null, beforeId: number | null): SQL | undefined =>
  and(sourceIds ? inArray(cols.sourceId, sourceIds) : undefined, beforeId === null ? undefined : lt(cols.id, beforeId));

export function pushedPenalties(db: Db, sourceIds: number[] | null, beforeId: number | null, limit: number): Promise<PenaltyRow[]> {
  return db
    .select()
    .from(penalties)
    .where(bySource(penalties, sourceIds, beforeId))
    .orderBy(desc(penalties.id))
    .limit(limit);
}

export function pushedBlacklistEntries(db: Db, sourceIds: number[] | null, beforeId: number | null, limit: number): Promise<BlacklistEntryRow[]> {
  return db
    .select()
    .from(blacklistEntries)
    .where(bySource(blacklistEntries, sourceIds, beforeId))
    .orderBy(desc(blacklistEntries.id))
    .limit(limit);
}

export function pushedCreditRecords(db: Db, sourceIds: number[] | null, beforeId: number | null, limit: number): Promise<CreditRecordRow[]> {
  return db
    .select()
    .from(creditRecords)
    .where(bySource(creditRecords, sourceIds, beforeId))
    .orderBy(desc(creditRecords.id))
    .limit(limit);
}

export async function countPushedCredit(db: Db, kind: PushedCreditKind, sourceIds: number[] | null): Promise<number> {
  const table = { penalties, blacklistEntries, creditRecords }[kind];
  const [row] = await db
    .select({ n: count() })
    .from(table as typeof penalties)
    .where(bySource(table, sourceIds, null));
  return row?.n ?? 0;
}
