import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { blacklistEntries, creditRecords, penalties } from '../db/schema';

export type PenaltyRow = typeof penalties.$inferSelect;
export type BlacklistEntryRow = typeof blacklistEntries.$inferSelect;
export type CreditRecordRow = typeof creditRecords.$inferSelect;

export function penaltiesOfEntities(db: Db, entityIds: readonly number[]): Promise<PenaltyRow[]> {
  return db.select().from(penalties).where(inArray(penalties.entityId, [...entityIds])).orderBy(asc(penalties.decidedOn), asc(penalties.id));
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
