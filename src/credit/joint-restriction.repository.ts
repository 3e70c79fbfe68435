import { and, eq, Param, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import { blacklistInForceOn } from './credit.repository';

/**
 * Joint restriction (联合惩戒, seed 003 item 7): the blacklist entries in force against a
 * bid's bidder on the day (China Standard Time) it submitted the bid. Computed from what
 * the hub holds now, so a listing that arrives after the bid still flags it.
 */
export function restrictionsOfBids(db: Db, bidIds: readonly number[]) {
  return db
    .select({ subjectId: t.bids.id, entry: t.blacklistEntries })
    .from(t.bids)
    .innerJoin(t.blacklistEntries, and(eq(t.blacklistEntries.entityId, t.bids.bidderId), blacklistInForceOn(sql`(${t.bids.submittedAt} at time zone 'Asia/Shanghai')::date`)))
    .where(sql`${t.bids.id} = any(${new Param([...bidIds])}::bigint[])`)
    .orderBy(t.blacklistEntries.startsOn, t.blacklistEntries.id);
}

/** The same for an award's winner on the award day. */
export function restrictionsOfAwards(db: Db, awardIds: readonly number[]) {
  return db
    .select({ subjectId: t.awards.id, entry: t.blacklistEntries })
    .from(t.awards)
    .innerJoin(t.blacklistEntries, and(eq(t.blacklistEntries.entityId, t.awards.winnerId), blacklistInForceOn(sql`(${t.awards.awardedAt} at time zone 'Asia/Shanghai')::date`)))
    .where(sql`${t.awards.id} = any(${new Param([...awardIds])}::bigint[])`)
    .orderBy(t.blacklistEntries.startsOn, t.blacklistEntries.id);
}
