import { and, asc, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { blacklistEntries, creditRecords, penalties } from '../db/schema';

export type PenaltyRow = typeof penalties.$inferSelect;
export type BlacklistEntryRow = typeof blacklistEntries.$inferSelect;
export type CreditRecordRow = typeof creditRecords.$inferSelect;

/**
 * A blacklist entry in force on `day` (a SQL date): started by then, not ended before it,
 * not removed by credit repair (信用修复) on or before it. The one rule behind `asOf` in the
 * status check and behind joint-restriction flags.
 */
export const blacklistInForceOn = (day: SQL) =>
  and(
    sql`${blacklistEntries.startsOn} <= ${day}`,
    sql`(${blacklistEntries.endsOn} is null or ${blacklistEntries.endsOn} >= ${day})`,
    sql`(${blacklistEntries.removedOn} is null or ${blacklistEntries.removedOn} > ${day})`,
  );

export function penaltiesOfEntities(db: Db, entityIds: readonly number[]): Promise<PenaltyRow[]> {
  return db
    .select()
    .from(penalties)
    .where(inArray(penalties.entityId, [...entityIds]))
    .orderBy(asc(penalties.decidedOn), asc(penalties.id));
}

export function blacklistEntriesOfEntities(db: Db, entityIds: readonly number[]): Promise<BlacklistEntryRow[]> {
  return db
    .select()
    .from(blacklistEntries)
    .where(inArray(blacklistEntries.entityId, [...entityIds]))
    .orderBy(asc(blacklistEntries.startsOn), asc(blacklistEntries.id));
}

export function creditRecordsOfEntities(db: Db, entityIds: readonly number[]): Promise<CreditRecordRow[]> {
  return db
    .select()
    .from(creditRecords)
    .where(inArray(creditRecords.entityId, [...entityIds]))
    .orderBy(asc(creditRecords.validFrom), asc(creditRecords.id));
}
