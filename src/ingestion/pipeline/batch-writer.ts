import { inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from '../../db/schema';
import type { RecordError } from '../../db/schema';
import type { PlatformRow } from '../../registry/registry.repository';
import type { Registry } from '../../registry/registry.service';
import { RECORD_TYPES, type PushRecord, type RecordType } from '../records';
import type { Party } from '../records/fields';
import { decisionErrors, firstRegistration, forbidden, withinRemit, type Remit } from './authority';
import { bulkInsert, replaceOnConflict } from './bulk';
import { writeEntities } from './entity-writer';
import { isRecordFault, recordFault } from './faults';
import { safeRejection, writeRejections, type Rejection } from './rejections';
import { headKey, loadHeads, partyKey, resolveExperts, resolveParties, type Head, type PartySighting, type Tx } from './stores';
import { WRITERS, type RecordWriter, type Reference } from './writers';

/** A valid record on its way into the store. */
export interface Incoming {
  lineNo: number;
  type: RecordType;
  id: string;
  version: Date;
  record: PushRecord;
  contentHash: string;
  /** The record as canonical JSON, which `contentHash` hashes. */
  canonical: string;
  /** The batch that delivered it: this one, or an earlier one for a held record released now. */
  deliveredBatchId: number;
}

export type { Rejection } from './rejections';

export interface Tally {
  stored: number;
  unchanged: number;
  stale: number;
  held: number;
  rejected: number;
  /** Held records of earlier batches stored now. */
  released: number;
}

export interface WriterContext {
  tx: Tx;
  batchId: number;
  sourceId: number;
  /** The sending platform, whose projects the rows name; null for hub-side sources. */
  platform: PlatformRow | null;
  /** What the source may say: its platform's regions, region-wide, or none. */
  remit: Remit;
  registry: Registry;
}

/** A record ready to write, with what its row refers to. */
export type Ready = Incoming & { parentId?: number | null; entityIds?: Map<string, number>; expertIds?: Map<string, number> };

/** A chunk writer's result: the row id of each record written, by record id. */
export type Written = Array<{ key: string; id: number }>;

type AnyWriter = RecordWriter<RecordType>;

/**
 * Stores the valid records of one batch inside the batch's transaction: decides new, newer,
 * unchanged or stale against record_heads; holds a record whose parent is not known yet;
 * resolves entities and experts; writes rows; keeps every version and the current head.
 * Anything refused goes to `rejections` with the field at fault: the batch goes on.
 */
export class BatchWriter {
  readonly tally: Tally = { stored: 0, unchanged: 0, stale: 0, held: 0, rejected: 0, released: 0 };
  readonly rejections: Rejection[] = [];
  readonly typesWritten = new Set<RecordType>();
  private readonly heads = new Map<string, Head>();
  /** SHA-256 of each row as this batch stored it, by head key, for the record heads. */
  private readonly rowHashes = new Map<string, string>();
  /** Records refused while their references were resolved, left out of the write. */
  private readonly refused = new Set<Incoming>();

  constructor(private readonly ctx: WriterContext) {}

  get context(): WriterContext {
    return this.ctx;
  }

  /** Refuses one record; what is kept of it is made safe to store first. */
  reject(lineNo: number, type: string | null, id: string | null, errors: RecordError[], raw: string | null, batchId = this.ctx.batchId) {
    this.rejections.push(safeRejection({ batchId, lineNo, recordType: type, recordId: id, errors, raw }));
    this.tally.rejected++;
  }

  /** Refuses an accepted record: its version is forgotten, so the same record sent again is judged afresh. */
  refuse(i: Incoming, errors: RecordError[]) {
    this.heads.delete(headKey(i.type, i.id));
    this.reject(i.lineNo, i.type, i.id, errors, JSON.stringify(i.record), i.deliveredBatchId);
  }

  private count(incoming: Incoming, outcome: 'stored' | 'unchanged' | 'stale') {
    if (incoming.deliveredBatchId !== this.ctx.batchId && outcome === 'stored') this.tally.released++;
    else this.tally[outcome]++;
  }

  /** Stores a chunk of valid records, parents before children. */
  async store(incoming: Incoming[]): Promise<void> {
    const byType = new Map<RecordType, Incoming[]>();
    for (const i of incoming) byType.set(i.type, [...(byType.get(i.type) ?? []), i]);
    for (const type of RECORD_TYPES) {
      const group = byType.get(type);
      if (group) await this.storeType(type, group);
    }
  }

  private async storeType(type: RecordType, group: Incoming[]): Promise<void> {
    const writer = type === 'entity' ? null : (WRITERS[type] as unknown as AnyWriter);
    const checked = group.filter((i) => this.checkRegions(i, writer));
    const accepted = await this.classify(type, checked);
    if (accepted.length === 0) return;
    const ready = writer ? await this.resolveReferences(writer, accepted) : accepted;
    // The newest version of each record is the row; every accepted version joins the history.
    const latest = new Map<string, Ready>();
    const versions = new Map<string, Incoming[]>();
    for (const i of ready) {
      if (!latest.has(i.id) || latest.get(i.id)!.version < i.version) latest.set(i.id, i);
      versions.set(i.id, [...(versions.get(i.id) ?? []), i]);
    }
    const written = writer ? await this.writeRows(type, writer, [...latest.values()], versions) : await writeEntities(this, [...latest.values()], versions);
    // Records refused while writing were counted as rejected already.
    for (const i of ready) if (written.has(i.id)) this.count(i, 'stored');
    this.typesWritten.add(type);
  }

  /**
   * Regions a record names must exist; a project must lie in the sender's remit, and a
   * decision (penalty, blacklist entry, …) must come from an authority within it.
   */
  private checkRegions(i: Incoming, writer: AnyWriter | null): boolean {
    const errors: RecordError[] = [];
    const { regions } = this.ctx.registry;
    const { remit } = this.ctx;
    const placed: Array<[string, string | null | undefined]> = writer?.regions
      ? (writer.regions(i.record as never).map((code, n) => [n === 0 ? 'region' : `region[${n}]`, code]) as Array<[string, string | null | undefined]>)
      : [['region', (i.record as { region?: string | null }).region]];
    for (const [path, code] of placed) {
      if (!code) continue;
      if (!regions.has(code)) errors.push({ path, code: 'UNKNOWN_REGION', message: `unknown region code '${code}'` });
      else if (i.type === 'project' && !withinRemit(remit, regions, code)) errors.push(forbidden(path, remit, `region ${code}`));
    }
    errors.push(...decisionErrors(i.type, i.record, remit, regions));
    for (const [path, party] of partiesOf(i, writer)) {
      if (party?.region && !regions.has(party.region)) errors.push({ path: `${path}.region`, code: 'UNKNOWN_REGION', message: `unknown region code '${party.region}'` });
    }
    if (errors.length > 0) this.reject(i.lineNo, i.type, i.id, errors, JSON.stringify(i.record), i.deliveredBatchId);
    return errors.length === 0;
  }

  /** New or newer versions go on; the same version again is unchanged; an older one is stale. */
  private async classify(type: RecordType, group: Incoming[]): Promise<Incoming[]> {
    const unknown = [...new Set(group.map((i) => i.id))].filter((id) => !this.heads.has(headKey(type, id)));
    for (const [key, head] of await loadHeads(this.ctx.tx, this.ctx.sourceId, type, unknown)) this.heads.set(key, head);
    const accepted: Incoming[] = [];
    for (const i of group) {
      const key = headKey(type, i.id);
      const head = this.heads.get(key);
      if (head && i.version < head.version) this.count(i, 'stale');
      else if (head && i.version.getTime() === head.version.getTime()) {
        if (head.hash === i.contentHash) this.count(i, 'unchanged');
        else {
          this.reject(i.lineNo, type, i.id, [{ path: 'version', code: 'VERSION_REUSED', message: `version ${i.version.toISOString()} was already received with different content; change the version when the record changes` }], JSON.stringify(i.record), i.deliveredBatchId);
        }
      } else {
        this.heads.set(key, { version: i.version, hash: i.contentHash, targetId: head?.targetId ?? null });
        accepted.push(i);
      }
    }
    return accepted;
  }

  /** Parents, entities and experts; a record whose parent or expert is not known yet is held. */
  private async resolveReferences(writer: AnyWriter, accepted: Incoming[]): Promise<Ready[]> {
    const parents = new Map<Incoming, Reference | null>(accepted.map((i) => [i, writer.parent?.(i.record as never) ?? null]));
    const byParentType = new Map<RecordType, Set<string>>();
    for (const ref of parents.values()) {
      if (ref && !this.heads.get(headKey(ref.type, ref.id))?.targetId) byParentType.set(ref.type, (byParentType.get(ref.type) ?? new Set()).add(ref.id));
    }
    for (const [type, ids] of byParentType) {
      for (const [key, head] of await loadHeads(this.ctx.tx, this.ctx.sourceId, type, [...ids])) if (!this.heads.get(key)?.targetId) this.heads.set(key, head);
    }
    const expertCodes = [...new Set(accepted.flatMap((i) => (writer.experts?.(i.record as never) ?? []).filter((c): c is string => !!c)))];
    const experts = await resolveExperts(this.ctx.tx, expertCodes);

    const ready: Array<Incoming & { parentId: number | null }> = [];
    const held: Array<{ i: Incoming; awaiting: Reference | { type: 'expert'; id: string } }> = [];
    for (const i of accepted) {
      const ref = parents.get(i)!;
      const parentId = ref ? (this.heads.get(headKey(ref.type, ref.id))?.targetId ?? null) : null;
      const missingExpert = (writer.experts?.(i.record as never) ?? []).find((c) => c && !experts.has(c));
      if (ref && parentId === null) held.push({ i, awaiting: ref });
      else if (missingExpert) held.push({ i, awaiting: { type: 'expert', id: missingExpert } });
      else ready.push({ ...i, parentId });
    }
    if (held.length > 0) await this.hold(held);
    const entityIds = await this.resolveEntities(writer, ready);
    return ready.filter((i) => !this.refused.has(i)).map((i) => ({ ...i, entityIds, expertIds: experts }));
  }

  /**
   * The entity of every party named, created on first sight. Should Postgres refuse a
   * chunk's new entities for their data, each record's parties are tried on their own, and
   * a record whose party cannot be stored is refused.
   */
  private async resolveEntities(writer: AnyWriter, ready: Incoming[]): Promise<Map<string, number>> {
    const sightings = (records: Incoming[]) => {
      const parties = new Map<string, PartySighting>();
      // The first name the hub hears for a code is the one it keeps.
      for (const i of records) {
        for (const [field, p] of partiesOf(i, writer)) {
          if (p && !parties.has(partyKey(p))) parties.set(partyKey(p), { party: p, sourceId: this.ctx.sourceId, batchId: i.deliveredBatchId, version: i.version, seenAt: `${i.type}:${i.id}@${i.version.toISOString()}#${field}` });
        }
      }
      return parties;
    };
    const registration = (p: Party) => firstRegistration(this.ctx.remit, this.ctx.registry.regions, p);
    try {
      return await this.ctx.tx.transaction((sp) => resolveParties(sp, sightings(ready), registration));
    } catch (error) {
      if (!isRecordFault(error)) throw error;
    }
    const ids = new Map<string, number>();
    for (const i of ready) {
      try {
        for (const [key, id] of await this.ctx.tx.transaction((sp) => resolveParties(sp, sightings([i]), registration))) ids.set(key, id);
      } catch (error) {
        if (!isRecordFault(error)) throw error;
        this.refused.add(i);
        const fault = recordFault(error);
        const field = partiesOf(i, writer).find(([, p]) => p)?.[0] ?? '';
        this.refuse(i, [{ ...fault, path: fault.path ? `${field}.${fault.path}` : field }]);
      }
    }
    return ids;
  }

  /** Keeps records that wait for a parent or expert; one Postgres refuses for its data is rejected instead. */
  private async hold(held: Array<{ i: Incoming; awaiting: { type: string; id: string } }>): Promise<void> {
    const rows = (items: typeof held) =>
      items.map(({ i, awaiting }) => ({
        sourceId: this.ctx.sourceId, batchId: i.deliveredBatchId, lineNo: i.lineNo, recordType: i.type, recordId: i.id,
        awaitingType: awaiting.type, awaitingId: awaiting.id, record: i.record,
      }));
    const kept: typeof held = [];
    try {
      await this.ctx.tx.transaction(async (sp) => void (await sp.insert(t.heldRecords).values(rows(held))));
      kept.push(...held);
    } catch (error) {
      if (!isRecordFault(error)) throw error;
      for (const h of held) {
        try {
          await this.ctx.tx.transaction(async (sp) => void (await sp.insert(t.heldRecords).values(rows([h]))));
          kept.push(h);
        } catch (rowError) {
          if (!isRecordFault(rowError)) throw rowError;
          this.refuse(h.i, [recordFault(rowError)]);
        }
      }
    }
    for (const { i } of kept) {
      // Forget the version so that the same record arriving again is judged afresh.
      this.heads.delete(headKey(i.type, i.id));
      if (i.deliveredBatchId === this.ctx.batchId) this.tally.held++;
    }
  }

  /** Upserts rows by (source, source record id), through writeInChunks. */
  private async writeRows(type: RecordType, writer: AnyWriter, rows: Ready[], versions: Map<string, Incoming[]>): Promise<Map<string, number>> {
    const values = new Map(
      rows.map((i) => [
        i,
        {
          ...writer.row(i.record as never, {
            parentId: i.parentId ?? null,
            entity: (p) => (p ? (i.entityIds!.get(partyKey(p)) ?? null) : null),
            expert: (c) => (c ? (i.expertIds!.get(c) ?? null) : null),
          }),
          ...this.provenance(i),
          ...(type === 'project' ? { platformId: this.ctx.platform?.id } : {}),
        },
      ]),
    );
    const tail = replaceOnConflict(writer.table);
    return this.writeInChunks(type, rows, versions, 5000, async (sp, chunk) => {
      const stored = await bulkInsert<{ id: number; source_record_id: string; stored_hash: string }>(sp, writer.table, chunk.map((i) => values.get(i)!), tail);
      const written = stored.map((r) => {
        this.rowHashes.set(headKey(type, r.source_record_id), r.stored_hash);
        return { key: r.source_record_id, id: Number(r.id) };
      });
      // Members are written in the committee's savepoint: a member refused refuses its evaluation only.
      if (type === 'evaluation') await this.writeCommitteeMembers(sp, chunk, written);
      return written;
    });
  }

  provenance(i: Incoming) {
    return { sourceId: this.ctx.sourceId, batchId: i.deliveredBatchId, sourceRecordId: i.id, sourceVersion: i.version, ingestedAt: new Date() };
  }

  /**
   * Writes records a chunk at a time, each chunk in a savepoint with its versions and
   * heads. A chunk Postgres refuses for its data (say a projectCode another record already
   * uses) is retried record by record, so only the offending records are refused, with the
   * field at fault; a fault of the infrastructure fails the batch. Returns the row id of
   * each written record by record id, and makes it the head.
   */
  async writeInChunks(type: RecordType, rows: Incoming[], versions: Map<string, Incoming[]>, size: number, write: (tx: Tx, chunk: Incoming[]) => Promise<Written>): Promise<Map<string, number>> {
    const written = new Map<string, number>();
    const attempt = (chunk: Incoming[]) =>
      this.ctx.tx.transaction(async (sp) => {
        const out = await write(sp, chunk);
        const ids = new Map(out.map((r) => [r.key, r.id]));
        await this.recordVersions(sp, type, chunk.flatMap((i) => versions.get(i.id) ?? [i]), ids);
        return ids;
      });
    for (let n = 0; n < rows.length; n += size) {
      const chunk = rows.slice(n, n + size);
      try {
        for (const [key, id] of await attempt(chunk)) written.set(key, id);
      } catch (error) {
        if (!isRecordFault(error)) throw error;
        for (const i of chunk) {
          try {
            for (const [key, id] of await attempt([i])) written.set(key, id);
          } catch (rowError) {
            if (!isRecordFault(rowError)) throw rowError;
            this.refuse(i, [recordFault(rowError)]);
          }
        }
      }
    }
    for (const i of rows) {
      const id = written.get(i.id);
      if (id !== undefined) this.heads.set(headKey(i.type, i.id), { version: i.version, hash: i.contentHash, targetId: id });
    }
    return written;
  }

  /** A committee's members are replaced as a whole with each new version of the evaluation. */
  private async writeCommitteeMembers(sp: Tx, rows: Ready[], written: Written) {
    const committees = new Map(written.map((r) => [r.key, r.id]));
    const mine = rows.filter((i) => committees.has(i.id));
    if (mine.length === 0) return;
    await sp.delete(t.committeeMembers).where(inArray(t.committeeMembers.committeeId, mine.map((i) => committees.get(i.id)!)));
    const members = mine.flatMap((i) =>
      (i.record as PushRecord<'evaluation'>).members.map((m) => {
        const expertId = i.expertIds!.get(m.expertCode)!;
        // Named by the hub's expert id, not the expert code, which a platform may have made of an ID number.
        return { committeeId: committees.get(i.id)!, expertId, role: m.role, ...this.provenance(i), sourceRecordId: `${i.id}#expert:${expertId}` };
      }),
    );
    for (let n = 0; n < members.length; n += 5000) await bulkInsert(sp, t.committeeMembers, members.slice(n, n + 5000), sql`on conflict do nothing`);
  }

  /** Every accepted version joins the history; the newest becomes the head. */
  private async recordVersions(sp: Tx, type: RecordType, kept: Incoming[], written: Map<string, number>): Promise<void> {
    const mine = kept.filter((i) => written.has(i.id));
    if (mine.length === 0) return;
    await bulkInsert(
      sp,
      t.recordVersions,
      mine.map((i) => ({ sourceId: this.ctx.sourceId, recordType: type, recordId: i.id, sourceVersion: i.version, batchId: this.ctx.batchId, contentHash: i.contentHash, record: i.canonical })),
      sql`on conflict do nothing`,
    );
    const latest = new Map<string, Incoming>();
    for (const i of mine) if (!latest.has(i.id) || latest.get(i.id)!.version < i.version) latest.set(i.id, i);
    await bulkInsert(
      sp,
      t.recordHeads,
      [...latest.values()].map((i) => ({
        sourceId: this.ctx.sourceId, recordType: type, recordId: i.id, targetId: written.get(i.id)!, sourceVersion: i.version,
        contentHash: i.contentHash, batchId: this.ctx.batchId, storedHash: this.rowHashes.get(headKey(type, i.id)) ?? null,
      })),
      sql`on conflict (source_id, record_type, record_id) do update set target_id = excluded.target_id, source_version = excluded.source_version,
          content_hash = excluded.content_hash, batch_id = excluded.batch_id, stored_hash = excluded.stored_hash
          where record_heads.source_version <= excluded.source_version`,
    );
  }

  /**
   * Ends a chunk: the heads it wrote are in record_heads (inside this transaction), so the
   * cache can go and memory stays flat however large the batch.
   */
  endChunk(): void {
    this.heads.clear();
    this.rowHashes.clear();
    this.refused.clear();
  }

  /** Writes the refused records to quarantine. */
  async flushRejections(): Promise<void> {
    await writeRejections(this.ctx.tx, this.rejections);
    this.rejections.length = 0;
    this.refused.clear();
  }

  /** Held records whose parent or expert is now known, oldest first. */
  async releasable(limit: number) {
    return this.ctx.tx.execute<{ id: number; batch_id: number; line_no: number; record_type: RecordType; record_id: string; record: PushRecord }>(sql`
      update ${t.heldRecords} h set released_at = now(), released_by_batch_id = ${this.ctx.batchId}
      where h.id in (
        select h2.id from ${t.heldRecords} h2
        where h2.released_at is null and h2.source_id = ${this.ctx.sourceId}
          and case when h2.awaiting_type = 'expert'
              then exists (select 1 from ${t.experts} x where x.expert_code = h2.awaiting_id)
              else exists (select 1 from ${t.recordHeads} r where r.source_id = h2.source_id and r.record_type = h2.awaiting_type and r.record_id = h2.awaiting_id) end
        order by h2.id limit ${limit})
      returning h.id, h.batch_id, h.line_no, h.record_type, h.record_id, h.record`);
  }
}

/** The parties a record names, with the field each sits in. */
function partiesOf(i: Incoming, writer: AnyWriter | null): Array<[string, Party | null | undefined]> {
  return writer?.parties?.(i.record as never) ?? [];
}
