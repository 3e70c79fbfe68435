import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { awards, bids, complaints, contracts, lots, notices, projects } from '../db/schema';
import { escapeLike } from '../entities/entity.repository';

export type ProjectRow = typeof projects.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;
export type BidRow = typeof bids.$inferSelect;
export type AwardRow = typeof awards.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type ComplaintRow = typeof complaints.$inferSelect;
export type LotRow = typeof lots.$inferSelect;

/** Conditions on projects; null or undefined fields do not restrict. */
export interface ProjectQuery {
  platformIds?: number[] | null;
  categoryCodes?: string[] | null;
  regionCodes?: string[] | null;
  registeredFrom?: Date | null;
  registeredBefore?: Date | null;
  text?: string | null;
}

function conditions(q: ProjectQuery): SQL[] {
  const where: SQL[] = [];
  if (q.platformIds) where.push(inArray(projects.platformId, q.platformIds));
  if (q.categoryCodes) where.push(inArray(projects.categoryCode, q.categoryCodes));
  if (q.regionCodes) where.push(inArray(projects.regionCode, q.regionCodes));
  if (q.registeredFrom) where.push(gte(projects.registeredAt, q.registeredFrom));
  if (q.registeredBefore) where.push(lt(projects.registeredAt, q.registeredBefore));
  if (q.text) {
    where.push(or(ilike(projects.title, `%${escapeLike(q.text)}%`), eq(projects.projectCode, q.text), eq(projects.dealCode, q.text))!);
  }
  return where;
}

/** Newest first; the keyset is (registeredAt, id) so equal timestamps still page stably. */
export async function pageProjects(db: Db, q: ProjectQuery, after: { registeredAt: Date; id: number } | null, limit: number): Promise<ProjectRow[]> {
  const where = conditions(q);
  if (after) where.push(sql`(${projects.registeredAt}, ${projects.id}) < (${after.registeredAt.toISOString()}::timestamptz, ${after.id})`);
  return db
    .select()
    .from(projects)
    .where(and(...where))
    .orderBy(desc(projects.registeredAt), desc(projects.id))
    .limit(limit);
}

export async function countProjects(db: Db, q: ProjectQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(projects)
    .where(and(...conditions(q)));
  return row?.n ?? 0;
}

export async function findProjectById(db: Db, id: number): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id)).limit(1);
  return row;
}

// Children of many projects in one statement each: the DataLoaders call these once per
// request level, however many projects the page holds.

export function noticesOfProjects(db: Db, ids: readonly number[]): Promise<NoticeRow[]> {
  return db
    .select()
    .from(notices)
    .where(inArray(notices.projectId, [...ids]))
    .orderBy(asc(notices.publishedAt), asc(notices.id));
}

export function bidsOfProjects(db: Db, ids: readonly number[]): Promise<BidRow[]> {
  return db
    .select()
    .from(bids)
    .where(inArray(bids.projectId, [...ids]))
    .orderBy(asc(bids.submittedAt), asc(bids.id));
}

export function awardsOfProjects(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db
    .select()
    .from(awards)
    .where(inArray(awards.projectId, [...ids]))
    .orderBy(asc(awards.awardedAt), asc(awards.id));
}

export function contractsOfProjects(db: Db, ids: readonly number[]): Promise<ContractRow[]> {
  return db
    .select()
    .from(contracts)
    .where(inArray(contracts.projectId, [...ids]))
    .orderBy(asc(contracts.signedAt), asc(contracts.id));
}

export function complaintsOfProjects(db: Db, ids: readonly number[]): Promise<ComplaintRow[]> {
  return db
    .select()
    .from(complaints)
    .where(inArray(complaints.projectId, [...ids]))
    .orderBy(asc(complaints.receivedAt), asc(complaints.id));
}

export function lotsOfProjects(db: Db, ids: readonly number[]): Promise<LotRow[]> {
  return db
    .select()
    .from(lots)
    .where(inArray(lots.projectId, [...ids]))
    .orderBy(asc(lots.lotCode));
}
