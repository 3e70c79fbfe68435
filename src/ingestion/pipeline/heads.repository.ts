import { and, eq, sql } from 'drizzle-orm';
import * as t from '../../db/schema';
import { anyOf, type Tx } from '../../db/tx';
import type { PushRecord, RecordType } from '../records';
import type { Awaited } from '../steps/resolve';
import { headKey, type Head, type Incoming } from '../steps/types';
import { bulkInsert } from './rows.repository';

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

/** A stored record's newest version and the row it is, with the row's hash as stored (null for entities: the ledger takes it at the end). */
export interface StoredHead {
  incoming: Incoming;
  targetId: number;
  storedHash: string | null;
}

/** Every accepted version joins the history (one statement); the newest becomes the head (one statement). */
export async function writeHistory(tx: Tx, sourceId: number, batchId: number, type: RecordType, versions: Incoming[], heads: StoredHead[]): Promise<void> {
  if (versions.length === 0) return;
  await bulkInsert(
    tx,
    t.recordVersions,
    versions.map((i) => ({ sourceId, recordType: type, recordId: i.id, sourceVersion: i.version, batchId, contentHash: i.contentHash, record: i.canonical })),
    sql`on conflict do nothing`,
  );
  await bulkInsert(
    tx,
    t.recordHeads,
    heads.map(({ incoming: i, targetId, storedHash }) => ({
      sourceId,
      recordType: type,
      recordId: i.id,
      targetId,
      sourceVersion: i.version,
      contentHash: i.contentHash,
      batchId,
      storedHash,
    })),
    sql`on conflict (source_id, record_type, record_id) do update set target_id = excluded.target_id, source_version = excluded.source_version,
        content_hash = excluded.content_hash, batch_id = excluded.batch_id, stored_hash = excluded.stored_hash
        where record_heads.source_version <= excluded.source_version`,
  );
}

/** Keeps records that wait for a parent or expert, in one statement. */
export async function holdRecords(tx: Tx, sourceId: number, held: Array<{ incoming: Incoming; awaiting: Awaited }>): Promise<void> {
  await tx.insert(t.heldRecords).values(
    held.map(({ incoming: i, awaiting }) => ({
      sourceId,
      batchId: i.deliveredBatchId,
      lineNo: i.lineNo,
      recordType: i.type,
      recordId: i.id,
      awaitingType: awaiting.type,
      awaitingId: awaiting.id,
      record: i.record,
    })),
  );
}

export type HeldRow = {
  id: number;
  batch_id: number;
  line_no: number;
  record_type: RecordType;
  record_id: string;
  record: PushRecord;
};

/** Marks released, and returns, up to `limit` held records of the source whose parent or expert is now known, oldest first. */
export async function releaseHeld(tx: Tx, sourceId: number, batchId: number, limit: number): Promise<HeldRow[]> {
  const result = await tx.execute<HeldRow>(sql`
    update ${t.heldRecords} h set released_at = now(), released_by_batch_id = ${batchId}
    where h.id in (
      select h2.id from ${t.heldRecords} h2
      where h2.released_at is null and h2.source_id = ${sourceId}
        and case when h2.awaiting_type = 'expert'
            then exists (select 1 from ${t.experts} x where x.expert_code = h2.awaiting_id)
            else exists (select 1 from ${t.recordHeads} r where r.source_id = h2.source_id and r.record_type = h2.awaiting_type and r.record_id = h2.awaiting_id) end
      order by h2.id limit ${limit})
    returning h.id, h.batch_id, h.line_no, h.record_type, h.record_id, h.record`);
  return result.rows;
}
