import { asc, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import type { Tx } from '../db/tx';
import { TABLE_OF } from '../ingestion/pipeline/rows.repository';
import type { RecordType } from '../ingestion/records';

const LEDGER_LOCK = 7_150_001;

/** Digest of the record versions a batch stored, computed by Postgres the same way at commit and at verification. */
export async function batchDigest(db: Db | Tx, batchId: number): Promise<{ digest: string; records: number }> {
  const result = await db.execute<{ digest: string; records: number }>(sql`
    select encode(sha256(convert_to(coalesce(string_agg(
      record_type || E'\\t' || record_id || E'\\t' || (extract(epoch from source_version) * 1000000)::bigint::text || E'\\t' || content_hash,
      E'\\n' order by record_type, record_id, source_version), ''), 'UTF8')), 'hex') as digest,
      count(*)::int as records
    from ${t.recordVersions} where batch_id = ${batchId}`);
  return result.rows[0]!;
}

/** The hash of a stored row as Postgres renders it as text: any later edit of the row changes it. */
const rowHashSql = (alias: string) => sql.raw(`encode(sha256(convert_to(${alias}::text, 'UTF8')), 'hex')`);

/** Takes the hash of the entity rows the batch's heads point at, as they stand at its end. */
export async function hashEntityRows(tx: Tx, batchId: number): Promise<void> {
  await tx.execute(sql`
    update ${t.recordHeads} h set stored_hash = ${rowHashSql('x')}
    from ${t.entities} x
    where h.batch_id = ${batchId} and h.record_type = 'entity' and x.id = h.target_id`);
}

/** Appends an entry to the chain, under the ledger's lock (entries form one chain, so appends take turns). */
export async function appendEntry(
  tx: Tx,
  entry: (previousHash: string | null) => { batchId: number; batchDigest: string; records: number; previousHash: string; entryHash: string },
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`);
  const [last] = await tx
    .select({ entryHash: t.ledgerEntries.entryHash })
    .from(t.ledgerEntries)
    .orderBy(sql`${t.ledgerEntries.seq} desc`)
    .limit(1);
  await tx.insert(t.ledgerEntries).values(entry(last?.entryHash ?? null));
}

export const ledgerEntries = (db: Db) => db.select().from(t.ledgerEntries).orderBy(asc(t.ledgerEntries.seq));

/** Rows of a record type that were deleted or changed since their head's hash was taken (only the newest head of a row speaks for it). */
export async function changedRows(db: Db, type: RecordType): Promise<Array<{ batch_id: number; record_id: string; missing: boolean }>> {
  const rows = await db.execute<{ batch_id: number; record_id: string; missing: boolean }>(sql`
    select h.batch_id, h.record_id, x.id is null as missing from (
      select distinct on (target_id) * from ${t.recordHeads} where record_type = ${type} and stored_hash is not null order by target_id, batch_id desc
    ) h left join ${TABLE_OF[type]} x on x.id = h.target_id
    where x.id is null or ${rowHashSql('x')} <> h.stored_hash`);
  return rows.rows;
}
