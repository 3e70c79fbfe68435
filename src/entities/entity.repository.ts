import { and, asc, count, eq, gt, ilike, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { entities } from '../db/schema';
import type { EntityKind } from './entity.enums';

export type EntityRow = typeof entities.$inferSelect;

export interface EntityQuery {
  name?: string;
  regionCodes?: string[];
  kind?: EntityKind;
}

function conditions(q: EntityQuery): SQL[] {
  const where: SQL[] = [];
  if (q.name) where.push(ilike(entities.name, `%${escapeLike(q.name)}%`));
  if (q.regionCodes) where.push(inArray(entities.registeredRegionCode, q.regionCodes));
  if (q.kind) where.push(eq(entities.kind, q.kind));
  return where;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findEntityByUscc(db: Db, uscc: string): Promise<EntityRow | undefined> {
  const [row] = await db.select().from(entities).where(eq(entities.uscc, uscc)).limit(1);
  return row;
}

export async function findEntitiesByIds(db: Db, ids: readonly number[]): Promise<EntityRow[]> {
  return db
    .select()
    .from(entities)
    .where(inArray(entities.id, [...ids]));
}

/** A page in id order, `limit` rows after `afterId`. */
export async function pageEntities(db: Db, q: EntityQuery, afterId: number | null, limit: number): Promise<EntityRow[]> {
  const where = conditions(q);
  if (afterId !== null) where.push(gt(entities.id, afterId));
  return db
    .select()
    .from(entities)
    .where(and(...where))
    .orderBy(asc(entities.id))
    .limit(limit);
}

export async function countEntities(db: Db, q: EntityQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(entities)
    .where(and(...conditions(q)));
  return row?.n ?? 0;
}
