import { and, asc, count, eq, gt, ilike, inArray, Param, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Tx } from '../db/tx';
import { ORG_CODE_SCHEME } from './party-identity';
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

/**
 * Entities by `SCHEME:id` keys: the scheme they were first known by, an alias, or for an
 * organisation code (CN-OC) the USCC that carries it.
 */
export async function entitiesBySchemeKeys(db: Db | Tx, keys: string[]): Promise<Array<{ key: string; id: number }>> {
  const orgCodes = keys.filter((k) => k.startsWith(`${ORG_CODE_SCHEME}:`)).map((k) => k.slice(ORG_CODE_SCHEME.length + 1));
  // One entity per key. Two can answer to one identifier when a party was kept under it and
  // another already held the USCC the party later showed beside it: the USCC's wins, so every
  // later record names one entity (the earlier rows stay with the entity they were stored under).
  const { rows } = await db.execute<{ key: string; id: string }>(sql`
    select distinct on (k.key) k.key, k.id from (
      select scheme_key as key, id from entities where scheme_key = any(${new Param(keys)}::text[])
      union all select scheme_key, entity_id from entity_identifiers where scheme_key = any(${new Param(keys)}::text[])
      union all select ${ORG_CODE_SCHEME} || ':' || substring(uscc from 9 for 9), id from entities
       where substring(uscc from 9 for 9) = any(${new Param(orgCodes)}::text[])) k
    join entities e on e.id = k.id
    order by k.key, e.uscc is null, k.id`);
  return rows.map((r) => ({ key: r.key, id: Number(r.id) }));
}
