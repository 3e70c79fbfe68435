import { inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as t from '../../db/schema';
import type { RecordError } from '../../db/schema';
import type { PlatformRow } from '../../registry/registry.repository';
import type { Registry } from '../../registry/registry.service';
import { RECORD_TYPES, type PushRecord, type RecordType } from '../records';
import type { Party } from '../records/fields';
import { bulkInsert, replaceOnConflict } from './bulk';
import { constraintMessage, headKey, loadHeads, partyKey, resolveExperts, resolveParties, type Head, type Tx } from './stores';
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

export interface Rejection {
  batchId: number;
  lineNo: number;
  recordType: string | null;
  recordId: string | null;
  errors: RecordError[];
  raw: string | null;
}

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
  /** The sending platform, whose remit bounds the regions its records may name; null for hub-side sources. */
  platform: PlatformRow | null;
  registry: Registry;
}

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

  constructor(private readonly ctx: WriterContext) {}

  reject(lineNo: number, type: string | null, id: string | null, errors: RecordError[], raw: string | null, batchId = this.ctx.batchId) {
    this.rejections.push({ batchId, lineNo, recordType: type, recordId: id, errors, raw });
    this.tally.rejected++;
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
    const latest = new Map<string, Incoming>();
    for (const i of ready) if (!latest.has(i.id) || latest.get(i.id)!.version < i.version) latest.set(i.id, i);
    const written = writer ? await this.writeRows(type, writer, [...latest.values()]) : await this.writeEntities([...latest.values()]);
    // Rows refused by a constraint were counted as rejected already.
    const kept = ready.filter((i) => written.has(i.id));
    for (const i of kept) this.count(i, 'stored');
    await this.recordVersions(type, kept, written);
    this.typesWritten.add(type);
  }

  /** Regions a record names must exist, and those it places itself in must lie in the sender's remit. */
  private checkRegions(i: Incoming, writer: AnyWriter | null): boolean {
    const errors: RecordError[] = [];
    const regions = this.ctx.registry.regions;
    const placed: Array<[string, string | null | undefined]> = writer?.regions
      ? (writer.regions(i.record as never).map((code, n) => [n === 0 ? 'region' : `region[${n}]`, code]) as Array<[string, string | null | undefined]>)
      : [['region', (i.record as { region?: string | null }).region]];
    for (const [path, code] of placed) {
      if (!code) continue;
      if (!regions.has(code)) errors.push({ path, code: 'UNKNOWN_REGION', message: `unknown region code '${code}'` });
      else if (i.type === 'project' && this.ctx.platform && !regions.within(code, this.ctx.platform.remitRegionCodes)) {
        errors.push({ path, code: 'FORBIDDEN', message: `region ${code} is outside the remit of platform ${this.ctx.platform.code} (${this.ctx.platform.remitRegionCodes.join(', ')})` });
      }
    }
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
  private async resolveReferences(writer: AnyWriter, accepted: Incoming[]): Promise<Array<Incoming & { parentId?: number | null; entityIds?: Map<string, number>; expertIds?: Map<string, number> }>> {
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

    const parties = new Map<string, { party: Party; sourceId: number; batchId: number; version: Date }>();
    for (const i of ready) {
      // The first name the hub hears for a code is the one it keeps.
      for (const [, p] of partiesOf(i, writer)) if (p && !parties.has(partyKey(p))) parties.set(partyKey(p), { party: p, sourceId: this.ctx.sourceId, batchId: i.deliveredBatchId, version: i.version });
    }
    const entityIds = await resolveParties(this.ctx.tx, parties);
    return ready.map((i) => ({ ...i, entityIds, expertIds: experts }));
  }

  private async hold(held: Array<{ i: Incoming; awaiting: { type: string; id: string } }>): Promise<void> {
    for (const { i } of held) {
      // Forget the version so that the same record arriving again is judged afresh.
      this.heads.delete(headKey(i.type, i.id));
      if (i.deliveredBatchId === this.ctx.batchId) this.tally.held++;
    }
    await this.ctx.tx.insert(t.heldRecords).values(
      held.map(({ i, awaiting }) => ({
        sourceId: this.ctx.sourceId, batchId: i.deliveredBatchId, lineNo: i.lineNo, recordType: i.type, recordId: i.id,
        awaitingType: awaiting.type, awaitingId: awaiting.id, record: i.record,
      })),
    );
  }

  /** Upserts rows by (source, source record id), through writeInChunks. */
  private async writeRows(type: RecordType, writer: AnyWriter, rows: Array<Incoming & { parentId?: number | null; entityIds?: Map<string, number>; expertIds?: Map<string, number> }>): Promise<Map<string, number>> {
    const values = rows.map((i) => ({
      ...writer.row(i.record as never, {
        parentId: i.parentId ?? null,
        entity: (p) => (p ? (i.entityIds!.get(partyKey(p)) ?? null) : null),
        expert: (c) => (c ? (i.expertIds!.get(c) ?? null) : null),
      }),
      ...this.provenance(i),
      ...(type === 'project' ? { platformId: this.ctx.platform?.id } : {}),
    }));
    const written = await this.upsert(writer.table, values, rows);
    if (type === 'evaluation') await this.writeCommitteeMembers(rows.filter((i) => written.has(i.id)), written);
    return written;
  }

  private provenance(i: Incoming) {
    return { sourceId: this.ctx.sourceId, batchId: i.deliveredBatchId, sourceRecordId: i.id, sourceVersion: i.version, ingestedAt: new Date() };
  }

  private async upsert(table: PgTable, values: Record<string, unknown>[], rows: Incoming[]): Promise<Map<string, number>> {
    const tail = replaceOnConflict(table);
    const valuesOf = new Map(rows.map((i, n) => [i, values[n]!]));
    return this.writeInChunks(rows, 5000, async (tx, chunk) =>
      (await bulkInsert<{ id: number; source_record_id: string; stored_hash: string }>(tx, table, chunk.map((i) => valuesOf.get(i)!), tail)).map((r) => {
        this.rowHashes.set(headKey(chunk[0]!.type, r.source_record_id), r.stored_hash);
        return { key: r.source_record_id, id: Number(r.id) };
      }),
    );
  }

  /**
   * Writes records a chunk at a time, each chunk in a savepoint. A chunk that breaks a
   * constraint (say a projectCode another record already uses) is retried record by
   * record, so only the offending records are refused, with the constraint in words.
   * Returns the row id of each written record by record id, and makes it the head.
   */
  private async writeInChunks(
    rows: Incoming[],
    size: number,
    write: (tx: Tx, chunk: Incoming[]) => Promise<Array<{ key: string; id: number }>>,
  ): Promise<Map<string, number>> {
    const written = new Map<string, number>();
    for (let n = 0; n < rows.length; n += size) {
      const chunk = rows.slice(n, n + size);
      try {
        for (const r of await this.ctx.tx.transaction((sp) => write(sp, chunk))) written.set(r.key, r.id);
      } catch {
        for (const i of chunk) {
          try {
            const [r] = await this.ctx.tx.transaction((sp) => write(sp, [i]));
            written.set(r!.key, r!.id);
          } catch (error) {
            this.heads.delete(headKey(i.type, i.id));
            this.reject(i.lineNo, i.type, i.id, [{ path: '', code: 'CONFLICT', message: constraintMessage(error) }], JSON.stringify(i.record), i.deliveredBatchId);
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

  /**
   * Explicit entity records update the one entity of their USCC or ID number: one upsert
   * per kind of code; should it break a constraint, record by record in savepoints.
   */
  private async writeEntities(rows: Incoming[]): Promise<Map<string, number>> {
    const written = new Map<string, number>();
    const upsert = (tx: Tx, group: Incoming[], byUscc: boolean) =>
      tx
        .insert(t.entities)
        .values(
          group.map((i) => {
            const r = i.record as PushRecord<'entity'>;
            return {
              kind: r.uscc ? ('organisation' as const) : ('person' as const), uscc: r.uscc ?? null, personIdNumber: r.idNumber ?? null, name: r.name,
              registeredRegionCode: r.region ?? null, address: r.address ?? null, legalRepresentative: r.legalRepresentative ?? null, ...this.provenance(i),
            };
          }),
        )
        .onConflictDoUpdate({
          target: byUscc ? t.entities.uscc : t.entities.personIdNumber,
          set: {
            name: sql`excluded.name`,
            registeredRegionCode: sql`coalesce(excluded.registered_region_code, ${t.entities.registeredRegionCode})`,
            address: sql`coalesce(excluded.address, ${t.entities.address})`,
            legalRepresentative: sql`coalesce(excluded.legal_representative, ${t.entities.legalRepresentative})`,
          },
        })
        .returning({ id: t.entities.id, uscc: t.entities.uscc, person: t.entities.personIdNumber });
    for (const byUscc of [true, false]) {
      const group = rows.filter((i) => ((i.record as PushRecord<'entity'>).uscc !== undefined) === byUscc);
      const codeOf = (i: Incoming) => {
        const r = i.record as PushRecord<'entity'>;
        return r.uscc ?? r.idNumber!;
      };
      const stored = await this.writeInChunks(group, 1000, async (tx, chunk) => {
        const recordOf = new Map(chunk.map((i) => [codeOf(i), i.id]));
        return (await upsert(tx, chunk, byUscc)).map((row) => ({ key: recordOf.get((row.uscc ?? row.person)!)!, id: row.id }));
      });
      for (const [key, id] of stored) written.set(key, id);
    }
    return written;
  }

  /** A committee's members are replaced as a whole with each new version of the evaluation. */
  private async writeCommitteeMembers(rows: Array<Incoming & { expertIds?: Map<string, number> }>, committees: Map<string, number>) {
    if (rows.length === 0) return;
    await this.ctx.tx.delete(t.committeeMembers).where(inArray(t.committeeMembers.committeeId, rows.map((i) => committees.get(i.id)!)));
    const members = rows.flatMap((i) =>
      (i.record as PushRecord<'evaluation'>).members.map((m) => ({
        committeeId: committees.get(i.id)!, expertId: i.expertIds!.get(m.expertCode)!, role: m.role, ...this.provenance(i), sourceRecordId: `${i.id}#${m.expertCode}`,
      })),
    );
    for (let n = 0; n < members.length; n += 5000) await bulkInsert(this.ctx.tx, t.committeeMembers, members.slice(n, n + 5000), sql`on conflict do nothing`);
  }

  /** Every accepted version joins the history; the newest becomes the head. */
  private async recordVersions(type: RecordType, kept: Incoming[], written: Map<string, number>): Promise<void> {
    for (let n = 0; n < kept.length; n += 5000) {
      const chunk = kept.slice(n, n + 5000);
      await bulkInsert(
        this.ctx.tx,
        t.recordVersions,
        chunk.map((i) => ({ sourceId: this.ctx.sourceId, recordType: type, recordId: i.id, sourceVersion: i.version, batchId: this.ctx.batchId, contentHash: i.contentHash, record: i.canonical })),
        sql`on conflict do nothing`,
      );
      const latest = new Map<string, Incoming>();
      for (const i of chunk) if (!latest.has(i.id) || latest.get(i.id)!.version < i.version) latest.set(i.id, i);
      await bulkInsert(
        this.ctx.tx,
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
  }

  /**
   * Ends a chunk: the heads it wrote are in record_heads (inside this transaction), so the
   * cache can go and memory stays flat however large the batch.
   */
  endChunk(): void {
    this.heads.clear();
    this.rowHashes.clear();
  }

  /** Writes the refused records to quarantine. */
  async flushRejections(): Promise<void> {
    for (let n = 0; n < this.rejections.length; n += 1000) {
      await this.ctx.tx.insert(t.rejectedRecords).values(this.rejections.slice(n, n + 1000));
    }
    this.rejections.length = 0;
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
