import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import * as t from '../../db/schema';
import { RECORD_TYPES, type RecordType } from '../records';
import { sha256, type Tx } from './stores';
import { TABLE_OF } from './writers';

// The ingestion ledger (存证). Each committed batch gets an entry whose hash covers the
// batch's digest and the previous entry's hash. The digest covers every record version the
// batch stored; each record head keeps the hash of its stored row. Changing a stored row,
// a version, or an entry afterwards breaks a hash that verification recomputes.

const GENESIS = '0'.repeat(64);
const LEDGER_LOCK = 7_150_001;

/** Digest of the record versions a batch stored, computed by Postgres the same way at commit and at verification. */
const digestSql = (batchId: number) => sql<string>`
  select encode(sha256(convert_to(coalesce(string_agg(
    record_type || E'\\t' || record_id || E'\\t' || (extract(epoch from source_version) * 1000000)::bigint::text || E'\\t' || content_hash,
    E'\\n' order by record_type, record_id, source_version), ''), 'UTF8')), 'hex') as digest,
    count(*)::int as records
  from ${t.recordVersions} where batch_id = ${batchId}`;

/** The hash of a stored row as Postgres renders it as text: any later edit of the row changes it. */
const rowHashSql = (alias: string) => sql.raw(`encode(sha256(convert_to(${alias}::text, 'UTF8')), 'hex')`);

export function entryHash(previousHash: string, batchId: number, digest: string, records: number): string {
  return sha256(`${previousHash}\n${batchId}\n${digest}\n${records}`);
}

/**
 * Appends the batch's ledger entry. Fact rows had their hash taken as they were written;
 * entity rows are hashed here, at the end, because several records of one batch may name
 * and update the same entity.
 */
export async function sealIntoLedger(tx: Tx, batchId: number, types: Iterable<RecordType>): Promise<void> {
  if ([...types].includes('entity')) {
    await tx.execute(sql`
      update ${t.recordHeads} h set stored_hash = ${rowHashSql('x')}
      from ${t.entities} x
      where h.batch_id = ${batchId} and h.record_type = 'entity' and x.id = h.target_id`);
  }
  const digest = await tx.execute<{ digest: string; records: number }>(digestSql(batchId));
  const { digest: batchDigest, records } = digest.rows[0]!;
  // Entries form one chain, so appends take turns.
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`);
  const [last] = await tx.select({ entryHash: t.ledgerEntries.entryHash }).from(t.ledgerEntries).orderBy(sql`${t.ledgerEntries.seq} desc`).limit(1);
  const previousHash = last?.entryHash ?? GENESIS;
  await tx.insert(t.ledgerEntries).values({ batchId, batchDigest, records, previousHash, entryHash: entryHash(previousHash, batchId, batchDigest, records) });
}

export interface LedgerProblem {
  batchId: number;
  seq: number;
  problem: string;
}

export interface LedgerVerification {
  ok: boolean;
  entriesChecked: number;
  /** The earliest batch in ledger order whose entry, versions or stored rows no longer match. */
  firstBadBatchId: number | null;
  problems: LedgerProblem[];
}

/** Walks the chain, recomputes each batch's digest, and compares every current row with its recorded hash. */
export async function verifyLedger(db: Db, onProgress?: (checked: number) => void): Promise<LedgerVerification> {
  const problems: LedgerProblem[] = [];
  const entries = await db.select().from(t.ledgerEntries).orderBy(asc(t.ledgerEntries.seq));
  const seqOf = new Map(entries.map((e) => [e.batchId, e.seq]));
  let previous = GENESIS;
  for (const [n, e] of entries.entries()) {
    if (e.previousHash !== previous) problems.push({ batchId: e.batchId, seq: e.seq, problem: 'the chain is broken: previous hash does not match the entry before' });
    if (entryHash(e.previousHash, e.batchId, e.batchDigest, e.records) !== e.entryHash) problems.push({ batchId: e.batchId, seq: e.seq, problem: 'the entry hash does not match its content' });
    const recomputed = (await db.execute<{ digest: string; records: number }>(digestSql(e.batchId))).rows[0]!;
    if (recomputed.digest !== e.batchDigest || recomputed.records !== e.records) {
      problems.push({ batchId: e.batchId, seq: e.seq, problem: `its record versions changed (${recomputed.records} versions now, ${e.records} sealed)` });
    }
    previous = e.entryHash;
    if (n % 100 === 0) onProgress?.(n);
  }
  for (const type of RECORD_TYPES) {
    const table = TABLE_OF[type];
    // Only the newest head of a row speaks for it (several sources may name one entity).
    const rows = await db.execute<{ batch_id: number; record_id: string; missing: boolean }>(sql`
      select h.batch_id, h.record_id, x.id is null as missing from (
        select distinct on (target_id) * from ${t.recordHeads} where record_type = ${type} and stored_hash is not null order by target_id, batch_id desc
      ) h left join ${table} x on x.id = h.target_id
      where x.id is null or ${rowHashSql('x')} <> h.stored_hash`);
    for (const r of rows.rows) {
      const batchId = Number(r.batch_id);
      problems.push({ batchId, seq: seqOf.get(batchId) ?? -1, problem: `stored ${type} '${r.record_id}' ${r.missing ? 'was deleted' : 'was changed'} after the batch committed` });
    }
  }
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, entriesChecked: entries.length, firstBadBatchId: problems[0]?.batchId ?? null, problems };
}

