import type { RecordError } from '../../db/schema';
import type { Tx } from '../../db/tx';
import type { PlatformRow } from '../../registry/registry.repository';
import type { Registry } from '../../registry/registry.service';
import { RECORD_TYPES, type RecordType } from '../records';
import { classify, versionReused } from '../steps/classify';
import { committeeMembers, factRow, newestPerRecord, partySightings, type Links } from '../steps/plan';
import { expertCodes, resolveReferences, unknownParents, type Awaited } from '../steps/resolve';
import { partiesOf, shapeOf, type AnyShape, type FactType } from '../steps/shapes';
import { byRecordType, headKey, refusalOf, type Head, type Incoming, type Refusal, type Tally } from '../steps/types';
import { placementErrors } from '../steps/validate';
import type { Party } from '../records/fields';
import { firstRegistration, type Remit } from './authority';
import { writeEntities } from './entity-writer';
import { isRecordFault, recordFault } from './faults';
import { holdRecords, loadHeads, releaseHeld } from './heads.repository';
import { resolveParties } from './parties.repository';
import { safeRejection, writeRejections, type Rejection } from './rejections';
import { expertIds, mergeFacts, replaceCommitteeMembers } from './rows.repository';

export type { Incoming, Tally } from '../steps/types';
export type { Rejection } from './rejections';

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
type Ready = Incoming & { links: Links };

/** A chunk writer's result: each record written, by record id, with its row id. */
export type Written = Array<{ key: string; id: number }>;

/**
 * Stores the valid records of one batch inside the batch's transaction. The decisions are
 * the pure steps of ../steps (validate, classify, resolve, plan); this class feeds them what
 * the store knows and writes what they decide through the repositories, a set at a time.
 * Anything refused goes to `rejections` with the field at fault: the batch goes on.
 */
export class BatchWriter {
  readonly tally: Tally = { stored: 0, unchanged: 0, stale: 0, held: 0, rejected: 0, released: 0 };
  readonly rejections: Rejection[] = [];
  readonly typesWritten = new Set<RecordType>();
  /** The heads this chunk has read or written, by head key; cleared after each chunk. */
  private heads = new Map<string, Head>();

  constructor(private readonly ctx: WriterContext) {}

  /** The region a party named on a record may be registered in when this source names it first. */
  private readonly registration = (p: Party) => firstRegistration(this.ctx.remit, this.ctx.registry.regions, p);

  get context(): WriterContext {
    return this.ctx;
  }

  /** Refuses one record; what is kept of it is made safe to store first. */
  reject(r: Refusal) {
    this.rejections.push(safeRejection({ batchId: r.batchId, lineNo: r.lineNo, recordType: r.type, recordId: r.id, errors: r.errors, raw: r.raw }));
    this.tally.rejected++;
  }

  /** Refuses an accepted record: its version is forgotten, so the same record sent again is judged afresh. */
  refuse(i: Incoming, errors: RecordError[]) {
    this.heads.delete(headKey(i.type, i.id));
    this.reject(refusalOf(i, errors));
  }

  private count(i: Incoming, outcome: 'stored' | 'unchanged' | 'stale') {
    if (i.deliveredBatchId !== this.ctx.batchId && outcome === 'stored') this.tally.released++;
    else this.tally[outcome]++;
  }

  /** Stores a chunk of valid records, parents before children. */
  async store(incoming: Incoming[]): Promise<void> {
    const byType = byRecordType(incoming);
    for (const type of RECORD_TYPES) {
      const group = byType.get(type);
      if (group) await this.storeType(type, group);
    }
  }

  private async storeType(type: RecordType, group: Incoming[]): Promise<void> {
    const shape = shapeOf(type);
    const placed = group.filter((i) => {
      const errors = placementErrors(i, this.ctx.remit, this.ctx.registry.regions);
      if (errors.length > 0) this.reject(refusalOf(i, errors));
      return errors.length === 0;
    });
    await this.loadHeads(
      type,
      placed.map((i) => i.id),
    );
    const judged = classify(placed, this.heads);
    this.heads = judged.heads;
    for (const { incoming: i, verdict } of judged.verdicts) {
      if (verdict === 'reused') this.reject(refusalOf(i, [versionReused(i)]));
      else if (verdict === 'unchanged' || verdict === 'stale') this.count(i, verdict);
    }
    if (judged.accepted.length === 0) return;
    const ready = shape ? await this.link(shape, judged.accepted) : judged.accepted;
    const latest = newestPerRecord(ready);
    const written = shape ? await this.writeFacts(type as FactType, latest as Ready[]) : await writeEntities(this, latest);
    // Records refused while writing were counted as rejected already.
    for (const i of ready) if (written.has(i.id)) this.count(i, 'stored');
    this.typesWritten.add(type);
  }

  /**
   * Reads into the chunk's cache the heads of records it does not know yet; for `parents`,
   * also of those it knows without a row (a parent's row is what a child links to).
   */
  private async loadHeads(type: RecordType, ids: string[], parents = false): Promise<void> {
    const needed = (key: string) => (parents ? !this.heads.get(key)?.targetId : !this.heads.has(key));
    const unknown = [...new Set(ids)].filter((id) => needed(headKey(type, id)));
    for (const [key, head] of await loadHeads(this.ctx.tx, this.ctx.sourceId, type, unknown)) if (needed(key)) this.heads.set(key, head);
  }

  /** Parents, entities and experts; a record whose parent or expert is not known yet is held. */
  private async link(shape: AnyShape, accepted: Incoming[]): Promise<Ready[]> {
    const parentRow = (key: string) => this.heads.get(key)?.targetId ?? null;
    for (const [type, ids] of unknownParents(shape, accepted, parentRow)) await this.loadHeads(type, ids, true);
    const experts = await expertIds(this.ctx.tx, expertCodes(shape, accepted));
    const { ready, held } = resolveReferences(shape, accepted, parentRow, new Set(experts.keys()));
    if (held.length > 0) await this.hold(held);
    const { entities, refused } = await this.resolveEntities(ready);
    return ready.filter((i) => !refused.has(i)).map((i) => ({ ...i, links: { parentId: i.parentId, entities, experts } }));
  }

  /**
   * The entity of every party named, created on first sight. Should Postgres refuse a
   * chunk's new entities for their data, each record's parties are tried on their own, and
   * a record whose party cannot be stored is refused.
   */
  private async resolveEntities(ready: Incoming[]): Promise<{ entities: Map<string, number>; refused: Set<Incoming> }> {
    const refused = new Set<Incoming>();
    try {
      return { entities: await this.ctx.tx.transaction((sp) => resolveParties(sp, partySightings(ready, this.ctx.sourceId), this.registration)), refused };
    } catch (error) {
      if (!isRecordFault(error)) throw error;
    }
    const entities = new Map<string, number>();
    for (const i of ready) {
      try {
        for (const [key, id] of await this.ctx.tx.transaction((sp) => resolveParties(sp, partySightings([i], this.ctx.sourceId), this.registration))) entities.set(key, id);
      } catch (error) {
        if (!isRecordFault(error)) throw error;
        refused.add(i);
        const fault = recordFault(error);
        const field = partiesOf(i.type, i.record).find(([, p]) => p)?.[0] ?? '';
        this.refuse(i, [{ ...fault, path: fault.path ? `${field}.${fault.path}` : field }]);
      }
    }
    return { entities, refused };
  }

  /** Keeps records that wait for a parent or expert; one Postgres refuses for its data is rejected instead. */
  private async hold(held: Array<{ incoming: Incoming; awaiting: Awaited }>): Promise<void> {
    const kept = await this.eachInSavepoint(
      held,
      (sp, some) => holdRecords(sp, this.ctx.sourceId, some),
      (h, fault) => this.refuse(h.incoming, [fault]),
    );
    for (const { incoming: i } of kept) {
      // Forget the version so that the same record arriving again is judged afresh.
      this.heads.delete(headKey(i.type, i.id));
      if (i.deliveredBatchId === this.ctx.batchId) this.tally.held++;
    }
  }

  /**
   * Runs `write` on all items in one savepoint; should Postgres refuse them for their data,
   * on each item in its own savepoint, so only the offending ones are refused. A fault of
   * the infrastructure fails the batch. Returns the items written.
   */
  private async eachInSavepoint<T>(items: T[], write: (sp: Tx, some: T[]) => Promise<void>, refuse: (item: T, fault: RecordError) => void): Promise<T[]> {
    try {
      await this.ctx.tx.transaction((sp) => write(sp, items));
      return items;
    } catch (error) {
      if (!isRecordFault(error)) throw error;
    }
    const kept: T[] = [];
    for (const item of items) {
      try {
        await this.ctx.tx.transaction((sp) => write(sp, [item]));
        kept.push(item);
      } catch (error) {
        if (!isRecordFault(error)) throw error;
        refuse(item, recordFault(error));
      }
    }
    return kept;
  }

  /** Merges a record type's rows, a chunk of 5,000 per statement; an evaluation's committee members go with it. */
  private async writeFacts(type: FactType, rows: Ready[]): Promise<Map<string, number>> {
    const shape = shapeOf(type)!;
    const { sourceId, platform } = this.ctx;
    return this.writeInChunks(rows, 5000, async (sp, chunk) => {
      const ready = chunk as Ready[];
      const stored = await mergeFacts(
        sp,
        type,
        ready.map((i) => factRow(shape, i, i.links, sourceId, platform?.id ?? null)),
      );
      const written = stored.map((r) => ({ key: r.sourceRecordId, id: r.id }));
      // Members are written in the committee's savepoint: a member refused refuses its evaluation only.
      if (type === 'evaluation') {
        const committees = new Map(written.map((r) => [r.key, r.id]));
        const mine = ready.filter((i) => committees.has(i.id));
        const members = mine.flatMap((i) => committeeMembers(i, committees.get(i.id)!, i.links.experts, sourceId));
        await replaceCommitteeMembers(
          sp,
          mine.map((i) => committees.get(i.id)!),
          members,
        );
      }
      return written;
    });
  }

  /**
   * Writes records a chunk at a time, each chunk in a savepoint: one statement per chunk on
   * the happy path. A chunk Postgres refuses for its data (say a projectCode another record
   * already uses) is retried record by record, so only the offending records are refused,
   * with the field at fault; a fault of the infrastructure fails the batch. Returns the row
   * id of each written record by record id, and makes it the head in the chunk's cache.
   */
  async writeInChunks(rows: Incoming[], size: number, write: (tx: Tx, chunk: Incoming[]) => Promise<Written>): Promise<Map<string, number>> {
    const written = new Map<string, number>();
    for (let n = 0; n < rows.length; n += size) {
      await this.eachInSavepoint(
        rows.slice(n, n + size),
        async (sp, chunk) => {
          for (const r of await write(sp, chunk)) written.set(r.key, r.id);
        },
        (i, fault) => this.refuse(i, [fault]),
      );
    }
    for (const i of rows) {
      const id = written.get(i.id);
      if (id !== undefined) this.heads.set(headKey(i.type, i.id), { version: i.version, hash: i.contentHash, targetId: id });
    }
    return written;
  }

  /**
   * Ends a chunk: the heads it wrote are in their rows (inside this transaction), so the
   * cache can go and memory stays flat however large the batch.
   */
  endChunk(): void {
    this.heads.clear();
  }

  /** Writes the refused records to quarantine. */
  async flushRejections(): Promise<void> {
    await writeRejections(this.ctx.tx, this.rejections);
    this.rejections.length = 0;
  }

  /** Held records (of this batch or earlier ones) whose parent or expert is now known, oldest first. */
  releasable(limit: number) {
    return releaseHeld(this.ctx.tx, this.ctx.sourceId, this.ctx.batchId, limit);
  }
}
