import { or, Param, sql } from 'drizzle-orm';
import * as t from '../../db/schema';
import { anyOf, type Tx } from '../../db/tx';
import type { Party } from '../records/fields';
import type { PartySighting } from '../steps/plan';
import type { entityRow } from '../steps/entities';

/**
 * Entity ids for the parties named on records: one entity per USCC (or ID number), created
 * on first sight with the name the first source gave. Another source naming the same code
 * with a different name or address finds the same entity. A new entity's provenance names
 * the record and field it was first seen in, never its code: an ID number must not become
 * an id anybody is shown.
 */
/** `registrationOf` says which region, if any, the sender may register a new entity in (docs/push-protocol.md, "Authority"). */
export async function resolveParties(
  tx: Tx,
  parties: Map<string, PartySighting>,
  registrationOf: (party: Party) => string | null = (p) => p.region ?? null,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (parties.size === 0) return ids;
  const find = async (keys: string[]) => {
    const usccs = keys.filter((k) => k.startsWith('u:')).map((k) => k.slice(2));
    const persons = keys.filter((k) => k.startsWith('p:')).map((k) => k.slice(2));
    const conditions = [];
    if (usccs.length) conditions.push(anyOf(t.entities.uscc, usccs));
    if (persons.length) conditions.push(anyOf(t.entities.personIdNumber, persons));
    const rows = await tx
      .select({ id: t.entities.id, uscc: t.entities.uscc, person: t.entities.personIdNumber })
      .from(t.entities)
      .where(or(...conditions));
    for (const r of rows) ids.set(r.uscc ? `u:${r.uscc}` : `p:${r.person}`, r.id);
  };
  await find([...parties.keys()]);
  const missing = [...parties.entries()].filter(([k]) => !ids.has(k));
  if (missing.length > 0) {
    for (let i = 0; i < missing.length; i += 1000) {
      await tx
        .insert(t.entities)
        .values(
          missing.slice(i, i + 1000).map(([, m]) => ({
            kind: m.party.uscc ? ('organisation' as const) : ('person' as const),
            uscc: m.party.uscc ?? null,
            personIdNumber: m.party.idNumber ?? null,
            name: m.party.name,
            registeredRegionCode: registrationOf(m.party),
            sourceId: m.sourceId,
            batchId: m.batchId,
            sourceRecordId: m.seenAt,
            sourceVersion: m.version,
          })),
        )
        .onConflictDoNothing();
    }
    await find(missing.map(([k]) => k));
  }
  return ids;
}

/** The entities registered under these codes (USCC or ID number), with their region. */
export async function findEntities(tx: Tx, codes: string[]): Promise<Map<string, { id: number; region: string | null }>> {
  if (codes.length === 0) return new Map();
  const rows = await tx
    .select({ id: t.entities.id, uscc: t.entities.uscc, person: t.entities.personIdNumber, region: t.entities.registeredRegionCode })
    .from(t.entities)
    .where(sql`${anyOf(t.entities.uscc, codes)} or ${anyOf(t.entities.personIdNumber, codes)}`);
  return new Map(rows.map((r) => [(r.uscc ?? r.person)!, { id: r.id, region: r.region }]));
}

/**
 * Sets the master fields of entities by USCC (or ID number), in one statement. The update
 * is bounded by the remit's regions (`allowed`, null for region-wide) in SQL as well, so an
 * entity another process registered elsewhere meanwhile is not overwritten: it is not returned.
 */
export async function upsertEntities(tx: Tx, rows: Array<ReturnType<typeof entityRow>>, byUscc: boolean, allowed: string[] | null): Promise<Array<{ id: number; code: string }>> {
  if (rows.length === 0) return [];
  const out = await tx
    .insert(t.entities)
    .values(rows)
    .onConflictDoUpdate({
      target: byUscc ? t.entities.uscc : t.entities.personIdNumber,
      set: {
        name: sql`excluded.name`,
        registeredRegionCode: sql`coalesce(excluded.registered_region_code, ${t.entities.registeredRegionCode})`,
        address: sql`coalesce(excluded.address, ${t.entities.address})`,
        legalRepresentative: sql`coalesce(excluded.legal_representative, ${t.entities.legalRepresentative})`,
      },
      setWhere: allowed === null ? undefined : sql`${t.entities.registeredRegionCode} is null or ${t.entities.registeredRegionCode} = any(${new Param(allowed)}::text[])`,
    })
    .returning({ id: t.entities.id, uscc: t.entities.uscc, person: t.entities.personIdNumber });
  return out.map((r) => ({ id: r.id, code: (r.uscc ?? r.person)! }));
}
