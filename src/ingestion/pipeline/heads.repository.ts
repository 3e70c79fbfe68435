import { and, eq, Param, sql, type SQL } from 'drizzle-orm';
import { getTableName } from 'drizzle-orm';
import * as t from '../../db/schema';
import { anyOf, type Tx } from '../../db/tx';
import type { PushRecord, RecordType } from '../records';
import type { Awaited } from '../steps/resolve';
import { headKey, type Head, type Incoming } from '../steps/types';
import { bulkInsert, TABLE_OF } from './rows.repository';

/**
 * Current versions of a source's records. A fact row is its record's head (its provenance
 * and content hash); an entity record's head is its row in entity_records.
 */
export async function loadHeads(tx: Tx, sourceId: number, type: RecordType, ids: string[]): Promise<Map<string, Head>> {
  const out = new Map<string, Head>();
  if (ids.length === 0) return out;
  if (type === 'entity') {
    const e = t.entityRecords;
    const rows = await tx
      .select({ recordId: e.recordId, version: e.sourceVersion, hash: e.contentHash, targetId: e.entityId })
      .from(e)
      .where(and(eq(e.sourceId, sourceId), anyOf(e.recordId, ids)));
    for (const r of rows) out.set(headKey(type, r.recordId), { version: r.version, hash: r.hash, targetId: r.targetId });
    return out;
  }
  const table = getTableName(TABLE_OF[type]);
  const rows = await tx.execute<{ record_id: string; version: Date; hash: string | null; id: string }>(sql`
    select source_record_id as record_id, source_version as version, content_hash as hash, id
    from ${sql.identifier(table)} where source_id = ${sourceId} and source_record_id = any(${new Param(ids)}::text[])`);
  // A row not written by the pipeline has no content hash: any content differs from it.
  for (const r of rows.rows) out.set(headKey(type, r.record_id), { version: new Date(r.version), hash: r.hash ?? '', targetId: Number(r.id) });
  return out;
}

/** Makes each stored entity record the head of its versions, in one statement; the row's stamp is taken at the batch's end. */
export async function writeEntityHeads(tx: Tx, sourceId: number, batchId: number, heads: Array<{ incoming: Incoming; entityId: number }>): Promise<void> {
  await bulkInsert(
    tx,
    t.entityRecords,
    heads.map(({ incoming: i, entityId }) => ({ sourceId, recordId: i.id, entityId, sourceVersion: i.version, contentHash: i.contentHash, batchId, storedHash: null })),
    sql`on conflict (source_id, record_id) do update set entity_id = excluded.entity_id, source_version = excluded.source_version,
        content_hash = excluded.content_hash, batch_id = excluded.batch_id, stored_hash = null
        where entity_records.source_version <= excluded.source_version`,
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

/** Whether the record a held record waits for is stored now: an expert by code, a parent by its row. */
function awaitedIsStored(): SQL {
  const parents = (Object.keys(TABLE_OF) as RecordType[])
    .filter((type) => type !== 'entity')
    .map(
      (type) =>
        sql`when ${type} then exists (select 1 from ${sql.identifier(getTableName(TABLE_OF[type]))} r where r.source_id = h2.source_id and r.source_record_id = h2.awaiting_id)`,
    );
  return sql`case h2.awaiting_type when 'expert' then exists (select 1 from ${t.experts} x where x.expert_code = h2.awaiting_id)
    ${sql.join(parents, sql` `)} else false end`;
}

/** Marks released, and returns, up to `limit` held records of the source whose parent or expert is now known, oldest first. */
export async function releaseHeld(tx: Tx, sourceId: number, batchId: number, limit: number): Promise<HeldRow[]> {
  const result = await tx.execute<HeldRow>(sql`
    update ${t.heldRecords} h set released_at = now(), released_by_batch_id = ${batchId}
    where h.id in (
      select h2.id from ${t.heldRecords} h2
      where h2.released_at is null and h2.source_id = ${sourceId} and ${awaitedIsStored()}
      order by h2.id limit ${limit})
    returning h.id, h.batch_id, h.line_no, h.record_type, h.record_id, h.record`);
  return result.rows;
}
