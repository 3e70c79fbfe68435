import { and, asc, desc, eq, gt, gte, lt, Param, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import { anyOf } from '../db/tx';
import type { EntityKind } from '../entities/entity.enums';
import { blacklistInForceOn } from './credit.repository';

/** The credit lookups' statements: the status check, name search, change feed and audit log. */

export function entitiesByCodes(db: Db, usccs: string[], persons: string[]) {
  return db
    .select({ id: t.entities.id, uscc: t.entities.uscc, person: t.entities.personIdNumber, name: t.entities.name })
    .from(t.entities)
    .where(sql`${anyOf(t.entities.uscc, usccs)} or ${anyOf(t.entities.personIdNumber, persons)}`);
}

/** Blacklist entries in force on `day`, penalties of the look-back window, credit records valid on `day`. */
export function creditRowsOn(db: Db, ids: number[], day: string, penaltyLookBackDays: number) {
  return Promise.all([
    db
      .select()
      .from(t.blacklistEntries)
      .where(and(sql`${t.blacklistEntries.entityId} = any(${new Param(ids)}::bigint[])`, blacklistInForceOn(sql`${day}::date`)))
      .orderBy(t.blacklistEntries.startsOn, t.blacklistEntries.id),
    db
      .select()
      .from(t.penalties)
      .where(
        and(
          sql`${t.penalties.entityId} = any(${new Param(ids)}::bigint[])`,
          sql`${t.penalties.decidedOn} <= ${day}::date`,
          sql`${t.penalties.decidedOn} > ${day}::date - ${penaltyLookBackDays}::int`,
        ),
      )
      .orderBy(t.penalties.decidedOn, t.penalties.id),
    db
      .select()
      .from(t.creditRecords)
      .where(
        and(
          sql`${t.creditRecords.entityId} = any(${new Param(ids)}::bigint[])`,
          sql`${t.creditRecords.validFrom} <= ${day}::date`,
          sql`(${t.creditRecords.validTo} is null or ${t.creditRecords.validTo} >= ${day}::date)`,
        ),
      )
      .orderBy(t.creditRecords.validFrom, t.creditRecords.id),
  ]);
}

export interface NameMatchRow {
  kind: EntityKind;
  uscc: string | null;
  person_id_number: string | null;
  scheme_key: string | null;
  name: string;
  registered_region_code: string | null;
  score: number;
}

/** Both sides through `hub_name_key`, ranked by trigram similarity (word similarity for a name inside a longer one). */
export async function searchEntitiesByName(db: Db, name: string, limit: number): Promise<NameMatchRow[]> {
  const rows = await db.execute<NameMatchRow & Record<string, unknown>>(sql`
      with q as (select hub_name_key(${name}) as key)
      select e.kind, e.uscc, e.person_id_number, e.scheme_key, e.name, e.registered_region_code,
             greatest(similarity(e.name_key, q.key), word_similarity(q.key, e.name_key) * 0.9)::float as score
        from entities e, q
       where e.name_key % q.key or q.key <% e.name_key
       order by score desc, e.id
       limit ${limit}`);
  return rows.rows;
}

/** Changes after the cursor's id in commit order, each with its entity and the row as it stands now. */
export function creditChangesAfter(db: Db, from: number, limit: number) {
  return db
    .select({
      change: t.creditChanges,
      entity: { uscc: t.entities.uscc, person: t.entities.personIdNumber, schemeKey: t.entities.schemeKey, name: t.entities.name },
      blacklist: t.blacklistEntries,
      penalty: t.penalties,
    })
    .from(t.creditChanges)
    .innerJoin(t.entities, eq(t.entities.id, t.creditChanges.entityId))
    .leftJoin(t.blacklistEntries, eq(t.blacklistEntries.id, t.creditChanges.blacklistEntryId))
    .leftJoin(t.penalties, eq(t.penalties.id, t.creditChanges.penaltyId))
    .where(gt(t.creditChanges.id, from))
    .orderBy(asc(t.creditChanges.id))
    .limit(limit);
}

/** The credit_lookups.operation values: which lookup was asked for. */
export type CreditOperation = (typeof t.creditLookups.$inferInsert)['operation'];

/** One line of the audit log; `asked` comes masked (CreditGuard.record). */
export async function insertCreditLookup(db: Db, lookup: { keyId: number; operation: CreditOperation; asked: string[]; resultCounts: Record<string, number> }): Promise<void> {
  await db.insert(t.creditLookups).values(lookup);
}

export interface CreditLookupFilter {
  keyId: number | null;
  before: number | null;
  from: Date | null;
  to: Date | null;
}

/** The audit log of lookups, newest first, with the key's name; a period reads only its months' partitions. */
export async function creditLookupLog(db: Db, filter: CreditLookupFilter, limit: number) {
  const rows = await db
    .select({ lookup: t.creditLookups, keyName: t.apiKeys.name })
    .from(t.creditLookups)
    .innerJoin(t.apiKeys, eq(t.apiKeys.id, t.creditLookups.keyId))
    .where(
      and(
        filter.keyId != null ? eq(t.creditLookups.keyId, filter.keyId) : undefined,
        filter.before != null ? lt(t.creditLookups.id, filter.before) : undefined,
        filter.from ? gte(t.creditLookups.askedAt, filter.from) : undefined,
        filter.to ? lt(t.creditLookups.askedAt, filter.to) : undefined,
      ),
    )
    .orderBy(desc(t.creditLookups.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.lookup, keyName: r.keyName }));
}
