import { schemeKey } from '../../entities/party-identity';
import type { PushRecord } from '../records';
import type { Party } from '../records/fields';
import { partiesOf, type AnyShape } from './shapes';
import type { Incoming } from './types';

/** The key of a party within one batch's work: never stored, never shown. */
export const partyKey = (p: Party) => (p.uscc ? `u:${p.uscc}` : p.idNumber ? `p:${p.idNumber}` : p.identifier ? `s:${schemeKey(p.identifier)}` : `n:${p.name}`);

/** A party as first seen: by which source and batch, and where (`<type>:<id>@<version>#<field>`). */
export interface PartySighting {
  party: Party;
  sourceId: number;
  batchId: number;
  version: Date;
  seenAt: string;
}

/** Where a stored row came from: its source, the sender's id and version, the batch that delivered it. */
export const provenance = (i: Incoming, sourceId: number) => ({
  sourceId,
  batchId: i.deliveredBatchId,
  sourceRecordId: i.id,
  sourceVersion: i.version,
  ingestedAt: new Date(),
});

/**
 * The newest version of each record becomes its row. The older versions a group holds are
 * not written anywhere: their staged lines are their history, and the ledger's digest.
 */
export function newestPerRecord<T extends Incoming>(group: T[]): T[] {
  const latest = new Map<string, T>();
  for (const i of group) if (!latest.has(i.id) || latest.get(i.id)!.version < i.version) latest.set(i.id, i);
  return [...latest.values()];
}

/** The parties a group of records names, each as first seen: the first name the hub hears for a code is the one it keeps. */
export function partySightings(group: Incoming[], sourceId: number): Map<string, PartySighting> {
  const parties = new Map<string, PartySighting>();
  for (const i of group) {
    for (const [field, p] of partiesOf(i.type, i.record)) {
      if (p && !parties.has(partyKey(p)))
        parties.set(partyKey(p), { party: p, sourceId, batchId: i.deliveredBatchId, version: i.version, seenAt: `${i.type}:${i.id}@${i.version.toISOString()}#${field}` });
    }
  }
  return parties;
}

/** What a record's row refers to, found before it is written. */
export interface Links {
  parentId: number | null;
  entities: ReadonlyMap<string, number>;
  experts: ReadonlyMap<string, number>;
}

/** The values of a record's fact row: the record's fields, its links, its provenance and the content hash that makes the row its record's head. */
export function factRow(shape: AnyShape, i: Incoming, links: Links, sourceId: number, platformId: number | null): Record<string, unknown> {
  return {
    ...shape.row(i.record, {
      parentId: links.parentId,
      entity: (p) => (p ? (links.entities.get(partyKey(p)) ?? null) : null),
      expert: (c) => (c ? (links.experts.get(c) ?? null) : null),
    }),
    ...provenance(i, sourceId),
    contentHash: i.contentHash,
    ...(i.type === 'project' ? { platformId } : {}),
  };
}

/**
 * A committee's member rows, each named by the hub's expert id, not the expert code, which
 * a platform may have made of an ID number.
 */
export function committeeMembers(i: Incoming, committeeId: number, experts: ReadonlyMap<string, number>, sourceId: number): Array<Record<string, unknown>> {
  return (i.record as PushRecord<'evaluation'>).members.map((m) => {
    const expertId = experts.get(m.expertCode)!;
    return { committeeId, expertId, role: m.role, ...provenance(i, sourceId), sourceRecordId: `${i.id}#expert:${expertId}` };
  });
}
