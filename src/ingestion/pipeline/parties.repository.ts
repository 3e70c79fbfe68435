import { Param, sql } from 'drizzle-orm';
import * as t from '../../db/schema';
import { anyOf, type Tx } from '../../db/tx';
import type { IdentifiedBy } from '../../entities/entity.enums';
import { entitiesBySchemeKeys } from '../../entities/entity.repository';
import { ORG_CODE_SCHEME, schemeKey } from '../../entities/party-identity';
import type { Party } from '../records/fields';
import type { PartySighting } from '../steps/plan';
import type { entityRow } from '../steps/entities';

/**
 * Entity ids for the parties named on records: one entity per USCC, ID number, identifier
 * in another scheme, or (for parties known by nothing else) name; created on first sight
 * with the name the first source gave. Another source naming the same party with a
 * different name or address finds the same entity. A party that shows its USCC for the
 * first time becomes one with the entity it was known as before, when there is one: by the
 * organisation code inside the USCC, by an identifier it lists beside it, or by its name
 * (that entity gains the USCC and keeps its row and history). A new entity's provenance
 * names the record and field it was first seen in, never its code: an ID number must not
 * become an id anybody is shown.
 */
/** `registrationOf` says which region, if any, the sender may register a new entity in (docs/push-protocol.md, "Authority"). */
export async function resolveParties(
  tx: Tx,
  parties: Map<string, PartySighting>,
  registrationOf: (party: Party) => string | null = (p) => p.region ?? null,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (parties.size === 0) return ids;
  await findParties(tx, [...parties.entries()], ids);
  const usccMissing = [...parties.entries()].filter(([k, m]) => !ids.has(k) && m.party.uscc);
  if (usccMissing.length > 0) {
    await adoptUsccs(
      tx,
      usccMissing.map(([, m]) => m.party),
    );
    await findParties(tx, usccMissing, ids);
  }
  const missing = [...parties.entries()].filter(([k]) => !ids.has(k));
  for (let i = 0; i < missing.length; i += 1000) {
    await tx
      .insert(t.entities)
      .values(
        missing.slice(i, i + 1000).map(([, m]) => ({
          kind: m.party.idNumber ? ('person' as const) : ('organisation' as const),
          uscc: m.party.uscc ?? null,
          personIdNumber: m.party.idNumber ?? null,
          identifiedBy: identifiedBy(m.party),
          schemeKey: m.party.uscc || m.party.idNumber ? null : m.party.identifier ? schemeKey(m.party.identifier) : sql`'NAME:' || hub_name_key(${m.party.name})`,
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
  if (missing.length > 0) await findParties(tx, missing, ids);
  await keepAliases(
    tx,
    [...parties.entries()].flatMap(([k, m]) => m.party.aliases.map((a) => ({ schemeKey: schemeKey(a), entityId: ids.get(k)! }))),
  );
  return ids;
}

const identifiedBy = (p: Party): IdentifiedBy => (p.uscc ? 'uscc' : p.idNumber ? 'id_number' : p.identifier ? 'scheme' : 'name');

/** Fills `ids` with the entities the parties already have, by whichever identifier each gives. */
async function findParties(tx: Tx, entries: Array<[string, PartySighting]>, ids: Map<string, number>): Promise<void> {
  const usccs = new Map<string, string>();
  const persons = new Map<string, string>();
  const schemes = new Map<string, string>();
  const names = new Map<string, string>();
  for (const [key, { party: p }] of entries) {
    if (p.uscc) usccs.set(p.uscc, key);
    else if (p.idNumber) persons.set(p.idNumber, key);
    else if (p.identifier) schemes.set(schemeKey(p.identifier), key);
    else names.set(p.name, key);
  }
  if (usccs.size > 0) {
    const rows = await tx
      .select({ id: t.entities.id, code: t.entities.uscc })
      .from(t.entities)
      .where(anyOf(t.entities.uscc, [...usccs.keys()]));
    for (const r of rows) ids.set(usccs.get(r.code!)!, r.id);
  }
  if (persons.size > 0) {
    const rows = await tx
      .select({ id: t.entities.id, code: t.entities.personIdNumber })
      .from(t.entities)
      .where(anyOf(t.entities.personIdNumber, [...persons.keys()]));
    for (const r of rows) ids.set(persons.get(r.code!)!, r.id);
  }
  if (schemes.size > 0) {
    for (const r of await entitiesBySchemeKeys(tx, [...schemes.keys()])) ids.set(schemes.get(r.key)!, r.id);
  }
  if (names.size > 0) {
    for (const r of await entitiesByNames(tx, [...names.keys()])) ids.set(names.get(r.name)!, r.id);
  }
}

/**
 * Parties known only by name: the entity first known by that name (its name key, so that
 * spacing, full-width letters and the like do not matter), or else the one entity of any
 * kind of organisation that bears it; none when several do.
 */
async function entitiesByNames(tx: Tx, names: string[]): Promise<Array<{ name: string; id: number }>> {
  const { rows } = await tx.execute<{ name: string; id: string }>(sql`
    select n.name, coalesce(
      (select e.id from entities e where e.scheme_key = 'NAME:' || hub_name_key(n.name)),
      (select min(e.id) from entities e where e.name_key = hub_name_key(n.name) and e.kind = 'organisation' having count(*) = 1)) as id
      from unnest(${new Param(names)}::text[]) n(name)`);
  return rows.filter((r) => r.id !== null).map((r) => ({ name: r.name, id: Number(r.id) }));
}

/**
 * Parties showing a USCC the register does not hold yet: an entity they were known as
 * before (by the organisation code inside the USCC, an identifier listed beside it, or the
 * same name, in that order) and that has no USCC of its own takes this one.
 */
export async function adoptUsccs(tx: Tx, parties: Array<Pick<Party, 'uscc' | 'name' | 'aliases'>>): Promise<void> {
  if (parties.length === 0) return;
  const aliases = parties.flatMap((p) => p.aliases.map((a) => [p.uscc!, schemeKey(a)] as const));
  await tx.execute(sql`
    with given as (
      select distinct on (g.uscc) g.uscc, g.name from unnest(${new Param(parties.map((p) => p.uscc!))}::text[], ${new Param(parties.map((p) => p.name))}::text[]) g(uscc, name)
       where not exists (select 1 from entities e where e.uscc = g.uscc)),
    known_as as (
      select g.uscc, ${ORG_CODE_SCHEME} || ':' || substring(g.uscc from 9 for 9) as key from given g
      union all select a.uscc, a.key from unnest(${new Param(aliases.map((a) => a[0]))}::text[], ${new Param(aliases.map((a) => a[1]))}::text[]) a(uscc, key)
       where a.uscc in (select uscc from given)),
    candidate as (
      select k.uscc, e.id, 1 as rank from known_as k join entities e on e.scheme_key = k.key
      union all select k.uscc, i.entity_id, 2 from known_as k join entity_identifiers i on i.scheme_key = k.key
      union all select g.uscc, e.id, 3 from given g join entities e on e.scheme_key = 'NAME:' || hub_name_key(g.name)),
    best as (
      select distinct on (c.uscc) c.uscc, c.id from candidate c join entities e on e.id = c.id
       where e.uscc is null and e.kind = 'organisation' order by c.uscc, c.rank, c.id),
    pick as (select distinct on (id) id, uscc from best order by id, uscc)
    update entities e set uscc = pick.uscc, identified_by = 'uscc' from pick where e.id = pick.id`);
}

/** Further identifiers a party was named with, each kept for the first entity it named. */
async function keepAliases(tx: Tx, aliases: Array<{ schemeKey: string; entityId: number }>): Promise<void> {
  if (aliases.length === 0) return;
  await tx.insert(t.entityIdentifiers).values(aliases).onConflictDoNothing();
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
