import { Param, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/database';
import * as t from '../../db/schema';
import type { Tx } from '../../db/tx';
import type { PushRecord, RecordType } from '../records';
import type { Awaited } from '../steps/resolve';
import { headKey, type Head, type Incoming } from '../steps/types';
import { bulkInsert, factTableName, TABLE_OF } from './rows.repository';

/** A record's head as stored: the row it is, the batch whose version it holds, that version and its content hash. */
export interface StoredHead {
  rowId: number;
  batchId: number;
  version: Date;
  /** Null for a row not written by the pipeline (test fixtures, benchmark generators). */
  contentHash: string | null;
}

/**
 * The heads of a source's records of one type, by record id, in one statement. A fact row
 * is its record's head (its provenance and content hash); an entity record's head is its
 * row in entity_records, since the entity's own row is shared by every source.
 */
export async function readHeads(db: Db | Tx, sourceId: number, type: RecordType, ids: string[]): Promise<Map<string, StoredHead>> {
  if (ids.length === 0) return new Map();
  const [table, recordId, rowId] =
    type === 'entity'
      ? [sql.identifier('entity_records'), sql.identifier('record_id'), sql.identifier('entity_id')]
      : [sql.identifier(factTableName(type)), sql.identifier('source_record_id'), sql.identifier('id')];
  const rows = await db.execute<{ record_id: string; row_id: string; batch_id: string; version: Date; content_hash: string | null }>(sql`
    select ${recordId} as record_id, ${rowId} as row_id, batch_id, source_version as version, content_hash
    from ${table} where source_id = ${sourceId} and ${recordId} = any(${new Param(ids)}::text[])`);
  return new Map(rows.rows.map((r) => [r.record_id, { rowId: Number(r.row_id), batchId: Number(r.batch_id), version: new Date(r.version), contentHash: r.content_hash }]));
}

/** Current versions of a source's records, as the pipeline compares incoming versions with them. */
export async function loadHeads(tx: Tx, sourceId: number, type: RecordType, ids: string[]): Promise<Map<string, Head>> {
  const out = new Map<string, Head>();
  // A row not written by the pipeline has no content hash: any content differs from it.
  for (const [id, h] of await readHeads(tx, sourceId, type, ids)) out.set(headKey(type, id), { version: h.version, hash: h.contentHash ?? '', targetId: h.rowId });
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
    .map((type) => sql`when ${type} then exists (select 1 from ${sql.identifier(factTableName(type))} r where r.source_id = h2.source_id and r.source_record_id = h2.awaiting_id)`);
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
