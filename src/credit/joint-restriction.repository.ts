import { and, eq, Param, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import * as t from '../db/schema';

/** In force on `day` (a SQL date expression): started, not ended before, not removed by then. */
const inForceOn = (day: ReturnType<typeof sql>) =>
  and(
    sql`${t.blacklistEntries.startsOn} <= ${day}`,
    sql`(${t.blacklistEntries.endsOn} is null or ${t.blacklistEntries.endsOn} >= ${day})`,
    sql`(${t.blacklistEntries.removedOn} is null or ${t.blacklistEntries.removedOn} > ${day})`,
  );

/**
 * Joint restriction (联合惩戒, seed 003 item 7): the blacklist entries in force against a
 * bid's bidder on the day (China Standard Time) it submitted the bid. Computed from what
 * the hub holds now, so a listing that arrives after the bid still flags it.
 */
export function restrictionsOfBids(db: Db, bidIds: readonly number[]) {
  return db
    .select({ subjectId: t.bids.id, entry: t.blacklistEntries })
    .from(t.bids)
    .innerJoin(t.blacklistEntries, and(eq(t.blacklistEntries.entityId, t.bids.bidderId), inForceOn(sql`(${t.bids.submittedAt} at time zone 'Asia/Shanghai')::date`)))
    .where(sql`${t.bids.id} = any(${new Param([...bidIds])}::bigint[])`)
    .orderBy(t.blacklistEntries.startsOn, t.blacklistEntries.id);
}

/** The same for an award's winner on the award day. */
export function restrictionsOfAwards(db: Db, awardIds: readonly number[]) {
  return db
    .select({ subjectId: t.awards.id, entry: t.blacklistEntries })
    .from(t.awards)
    .innerJoin(t.blacklistEntries, and(eq(t.blacklistEntries.entityId, t.awards.winnerId), inForceOn(sql`(${t.awards.awardedAt} at time zone 'Asia/Shanghai')::date`)))
    .where(sql`${t.awards.id} = any(${new Param([...awardIds])}::bigint[])`)
    .orderBy(t.blacklistEntries.startsOn, t.blacklistEntries.id);
}
