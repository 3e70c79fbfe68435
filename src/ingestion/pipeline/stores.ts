import { createHash } from 'node:crypto';
import { and, eq, or, Param, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database';
import * as t from '../../db/schema';
import type { Party } from '../records/fields';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted, so equal content hashes equal however it was stored. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A record's canonical JSON and its SHA-256: the version's identity in history and ledger. */
export function canonicalForm(record: unknown): { canonical: string; contentHash: string } {
  const canonical = canonicalJson(record);
  return { canonical, contentHash: sha256(canonical) };
}

/**
 * `column = any($1::text[])`: one array parameter however many values, where `inArray`
 * would bind (and drizzle would build) one parameter per value; chunks are 5,000 ids.
 */
export const anyOf = (column: PgColumn, values: string[]): SQL => sql`${column} = any(${new Param(values)}::text[])`;

export interface Head {
  version: Date;
  hash: string;
  targetId: number | null;
}

export const headKey = (type: string, id: string) => `${type}\u0000${id}`;

/** Current versions of a source's records, from record_heads. */
export async function loadHeads(tx: Tx, sourceId: number, type: string, ids: string[]): Promise<Map<string, Head>> {
  const out = new Map<string, Head>();
  if (ids.length === 0) return out;
  const rows = await tx
    .select({ recordId: t.recordHeads.recordId, version: t.recordHeads.sourceVersion, hash: t.recordHeads.contentHash, targetId: t.recordHeads.targetId })
    .from(t.recordHeads)
    .where(and(eq(t.recordHeads.sourceId, sourceId), eq(t.recordHeads.recordType, type), anyOf(t.recordHeads.recordId, ids)));
  for (const r of rows) out.set(headKey(type, r.recordId), { version: r.version, hash: r.hash, targetId: r.targetId });
  return out;
}

/** The key of a party within one batch's work: never stored, never shown. */
export const partyKey = (p: Party) => (p.uscc ? `u:${p.uscc}` : `p:${p.idNumber}`);

/** A party as first seen: by which source and batch, and where (`<type>:<id>@<version>#<field>`). */
export interface PartySighting {
  party: Party;
  sourceId: number;
  batchId: number;
  version: Date;
  seenAt: string;
}

/**
 * Entity ids for the parties named on records: one entity per USCC (or ID number), created
 * on first sight with the name the first source gave. Another source naming the same code
 * with a different name or address finds the same entity. A new entity's provenance names
 * the record and field it was first seen in, never its code: an ID number must not become
 * an id anybody is shown. `registrationOf` says which region, if any, the sender may
 * register a new entity in (docs/push-protocol.md, "Authority").
 */
export async function resolveParties(tx: Tx, parties: Map<string, PartySighting>, registrationOf: (party: Party) => string | null = (p) => p.region ?? null): Promise<Map<string, number>> {
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

export async function resolveExperts(tx: Tx, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await tx.select({ id: t.experts.id, code: t.experts.expertCode }).from(t.experts).where(anyOf(t.experts.expertCode, codes));
  return new Map(rows.map((r) => [r.code, r.id]));
}
