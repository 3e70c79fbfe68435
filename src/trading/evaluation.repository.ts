import { and, asc, count, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { bidOpenings, committeeMembers, evaluationCommittees, experts } from '../db/schema';

export type BidOpeningRow = typeof bidOpenings.$inferSelect;
export type EvaluationRow = typeof evaluationCommittees.$inferSelect;
export type CommitteeMemberRow = typeof committeeMembers.$inferSelect;
export type ExpertRow = typeof experts.$inferSelect;

// Children of many parents in one statement each, for the DataLoaders.

export function bidOpeningsOfProjects(db: Db, ids: readonly number[]): Promise<BidOpeningRow[]> {
  return db
    .select()
    .from(bidOpenings)
    .where(inArray(bidOpenings.projectId, [...ids]))
    .orderBy(asc(bidOpenings.openedAt), asc(bidOpenings.id));
}

export function evaluationsOfProjects(db: Db, ids: readonly number[]): Promise<EvaluationRow[]> {
  return db
    .select()
    .from(evaluationCommittees)
    .where(inArray(evaluationCommittees.projectId, [...ids]))
    .orderBy(asc(evaluationCommittees.formedAt), asc(evaluationCommittees.id));
}

export function membersOfCommittees(db: Db, ids: readonly number[]): Promise<CommitteeMemberRow[]> {
  return db
    .select()
    .from(committeeMembers)
    .where(inArray(committeeMembers.committeeId, [...ids]))
    .orderBy(asc(committeeMembers.id));
}

export function expertsByIds(db: Db, ids: readonly number[]): Promise<ExpertRow[]> {
  return db
    .select()
    .from(experts)
    .where(inArray(experts.id, [...ids]));
}

/** Conditions on experts; null fields do not restrict. */
export interface ExpertQuery {
  sourceIds: number[] | null;
  expertCode: string | null;
}

const conditions = (q: ExpertQuery): SQL | undefined =>
  and(q.sourceIds ? inArray(experts.sourceId, q.sourceIds) : undefined, q.expertCode ? eq(experts.expertCode, q.expertCode) : undefined);

/** Experts in the order the hub first stored them. */
export function pageExperts(db: Db, q: ExpertQuery, afterId: number, limit: number): Promise<ExpertRow[]> {
  return db
    .select()
    .from(experts)
    .where(and(conditions(q), gt(experts.id, afterId)))
    .orderBy(asc(experts.id))
    .limit(limit);
}

export async function countExperts(db: Db, q: ExpertQuery): Promise<number> {
  const [row] = await db.select({ n: count() }).from(experts).where(conditions(q));
  return row?.n ?? 0;
}
