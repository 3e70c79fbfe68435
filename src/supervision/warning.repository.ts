import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lt, notInArray, Param, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { entities, projects, warningEvents, warnings } from '../db/schema';
import type { Indicator, Severity, WarningStatus } from './supervision.enums';
import type { NetworkWarning } from './warning-network';
import type { ReviewPlan } from './warning.workflow';

/** A warning with the few facts of its main project the queue shows (null without one). */
export type WarningRow = typeof warnings.$inferSelect & {
  projectCode: string | null;
  projectTitle: string | null;
  projectRegionCode: string | null;
  projectCategoryCode: string | null;
};
export type WarningEventRow = typeof warningEvents.$inferSelect;

/** Conditions on warnings; null or undefined fields do not restrict. */
export interface WarningQuery {
  indicators?: Indicator[] | null;
  severities?: Severity[] | null;
  statuses?: WarningStatus[] | null;
  regionCodes?: string[] | null;
  categoryCodes?: string[] | null;
  raisedFrom?: Date | null;
  raisedBefore?: Date | null;
  occurredFrom?: string | null;
  occurredTo?: string | null;
  entityId?: number | null;
  projectId?: number | null;
  /** true: undecided and past due; false: anything else. */
  overdue?: boolean | null;
  /** The statuses a warning past its due date may have and still be overdue. */
  undecided: WarningStatus[];
}

function conditions(q: WarningQuery): SQL[] {
  const where: SQL[] = [];
  if (q.indicators) where.push(inArray(warnings.indicator, q.indicators));
  if (q.severities) where.push(inArray(warnings.severity, q.severities));
  if (q.statuses) where.push(inArray(warnings.status, q.statuses));
  if (q.regionCodes) where.push(inArray(warnings.regionCode, q.regionCodes));
  if (q.categoryCodes) where.push(inArray(warnings.categoryCode, q.categoryCodes));
  if (q.raisedFrom) where.push(gte(warnings.raisedAt, q.raisedFrom));
  if (q.raisedBefore) where.push(lt(warnings.raisedAt, q.raisedBefore));
  if (q.occurredFrom) where.push(gte(warnings.occurredOn, q.occurredFrom));
  if (q.occurredTo) where.push(sql`${warnings.occurredOn} <= ${q.occurredTo}::date`);
  if (q.entityId) where.push(sql`${warnings.entityIds} @> array[${q.entityId}]::bigint[]`);
  if (q.projectId) where.push(sql`${warnings.projectIds} @> array[${q.projectId}]::bigint[]`);
  if (q.overdue === true) where.push(and(inArray(warnings.status, q.undecided), lt(warnings.dueAt, sql`now()`))!);
  if (q.overdue === false) where.push(sql`(${notInArray(warnings.status, q.undecided)} or ${warnings.dueAt} >= now())`);
  return where;
}

const withProject = {
  ...getTableColumns(warnings),
  projectCode: projects.projectCode,
  projectTitle: projects.title,
  projectRegionCode: projects.regionCode,
  projectCategoryCode: projects.categoryCode,
};

/** Newest first; the keyset is (raisedAt, id) so warnings raised in one run still page stably. */
export function pageWarnings(db: Db, q: WarningQuery, after: { raisedAt: Date; id: number } | null, limit: number): Promise<WarningRow[]> {
  const where = conditions(q);
  if (after) where.push(sql`(${warnings.raisedAt}, ${warnings.id}) < (${after.raisedAt.toISOString()}::timestamptz, ${after.id})`);
  return db
    .select(withProject)
    .from(warnings)
    .leftJoin(projects, eq(projects.id, warnings.projectId))
    .where(and(...where))
    .orderBy(desc(warnings.raisedAt), desc(warnings.id))
    .limit(limit);
}

export async function countWarnings(db: Db, q: WarningQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(warnings)
    .where(and(...conditions(q)));
  return row?.n ?? 0;
}

/**
 * The warnings a network is drawn from, newest first, at most `limit`: only what linking
 * needs (ids, entities, evidence), none of the project columns.
 */
export function networkWarnings(db: Db, q: WarningQuery, limit: number): Promise<NetworkWarning[]> {
  return db
    .select({ id: warnings.id, indicator: warnings.indicator, entityIds: warnings.entityIds, evidence: warnings.evidence })
    .from(warnings)
    .where(and(...conditions(q)))
    .orderBy(desc(warnings.raisedAt), desc(warnings.id))
    .limit(limit);
}

export async function findWarning(db: Db, id: number): Promise<WarningRow | undefined> {
  const [row] = await db.select(withProject).from(warnings).leftJoin(projects, eq(projects.id, warnings.projectId)).where(eq(warnings.id, id));
  return row;
}

export function eventsOfWarnings(db: Db, ids: readonly number[]): Promise<WarningEventRow[]> {
  return db
    .select()
    .from(warningEvents)
    .where(inArray(warningEvents.warningId, [...ids]))
    .orderBy(asc(warningEvents.at), asc(warningEvents.id));
}

/**
 * One review step in one transaction: the warning is locked (FOR UPDATE) before `plan`
 * reads its status, so of two supervisors deciding at once the second sees the first's
 * decision and is refused by `plan`, which may throw to roll the step back. Returns the
 * warning as written, or undefined when there is no such warning.
 */
export async function reviewWarning(
  db: Db,
  id: number,
  actor: { keyId: number; name: string },
  plan: (locked: typeof warnings.$inferSelect) => ReviewPlan,
): Promise<WarningRow | undefined> {
  const changed = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(warnings).where(eq(warnings.id, id)).for('update');
    if (!locked) return false;
    const p = plan(locked);
    await tx
      .update(warnings)
      .set({
        status: p.status,
        ...(p.assignee !== undefined ? { assignee: p.assignee } : {}),
        ...(p.decisionNote !== undefined ? { decisionNote: p.decisionNote } : {}),
        ...(p.referredTo !== undefined ? { referredTo: p.referredTo } : {}),
        ...(p.decided ? { decidedAt: sql`now()` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(warnings.id, id));
    await tx.insert(warningEvents).values({ warningId: id, keyId: actor.keyId, actor: actor.name, ...p.event });
    return true;
  });
  return changed ? findWarning(db, id) : undefined;
}

export interface ConfirmedWarningRow {
  id: number;
  indicator: Indicator;
  severity: Severity;
  summary: string;
  decidedAt: Date | null;
  projectId: number | null;
  entityIds: number[];
}

/** The confirmed warnings naming any of these entities, newest decision first (for entity profiles). */
export function confirmedOfEntities(db: Db, entityIds: readonly number[]): Promise<ConfirmedWarningRow[]> {
  return db
    .select({
      id: warnings.id,
      indicator: warnings.indicator,
      severity: warnings.severity,
      summary: warnings.summary,
      decidedAt: warnings.decidedAt,
      projectId: warnings.projectId,
      entityIds: warnings.entityIds,
    })
    .from(warnings)
    .where(and(eq(warnings.status, 'confirmed'), sql`${warnings.entityIds} && ${new Param([...entityIds])}::bigint[]`))
    .orderBy(desc(warnings.decidedAt), desc(warnings.id));
}

/** The id of the entity holding a USCC, for profiles that know the entity by its code. */
export async function entityIdByUscc(db: Db, uscc: string): Promise<number | null> {
  const [row] = await db.select({ id: entities.id }).from(entities).where(eq(entities.uscc, uscc)).limit(1);
  return row?.id ?? null;
}
