import type { Db } from '../db/database';
import type { Tx } from '../db/tx';
import { sha256 } from '../ingestion/steps/canonical';
import { RECORD_TYPES, type RecordType } from '../ingestion/records';
import { appendEntry, batchDigest, changedRows, hashEntityRows, ledgerEntries } from './ledger.repository';

// The ingestion ledger (存证). Each committed batch gets an entry whose hash covers the
// batch's digest and the previous entry's hash. The digest covers every record version the
// batch stored; each record head keeps the hash of its stored row. Changing a stored row,
// a version, or an entry afterwards breaks a hash that verification recomputes.

const GENESIS = '0'.repeat(64);

export function entryHash(previousHash: string, batchId: number, digest: string, records: number): string {
  return sha256(`${previousHash}\n${batchId}\n${digest}\n${records}`);
}

/**
 * Appends the batch's ledger entry. Fact rows had their hash taken as they were written;
 * entity rows are hashed here, at the end, because several records of one batch may name
 * and update the same entity.
 */
export async function sealIntoLedger(tx: Tx, batchId: number, types: Iterable<RecordType>): Promise<void> {
  if ([...types].includes('entity')) await hashEntityRows(tx, batchId);
  const { digest, records } = await batchDigest(tx, batchId);
  await appendEntry(tx, (last) => {
    const previousHash = last ?? GENESIS;
    return { batchId, batchDigest: digest, records, previousHash, entryHash: entryHash(previousHash, batchId, digest, records) };
  });
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
  const entries = await ledgerEntries(db);
  const seqOf = new Map(entries.map((e) => [e.batchId, e.seq]));
  let previous = GENESIS;
  for (const [n, e] of entries.entries()) {
    if (e.previousHash !== previous) problems.push({ batchId: e.batchId, seq: e.seq, problem: 'the chain is broken: previous hash does not match the entry before' });
    if (entryHash(e.previousHash, e.batchId, e.batchDigest, e.records) !== e.entryHash)
      problems.push({ batchId: e.batchId, seq: e.seq, problem: 'the entry hash does not match its content' });
    const recomputed = await batchDigest(db, e.batchId);
    if (recomputed.digest !== e.batchDigest || recomputed.records !== e.records) {
      problems.push({ batchId: e.batchId, seq: e.seq, problem: `its record versions changed (${recomputed.records} versions now, ${e.records} sealed)` });
    }
    previous = e.entryHash;
    if (n % 100 === 0) onProgress?.(n);
  }
  for (const type of RECORD_TYPES) {
    for (const r of await changedRows(db, type)) {
      const batchId = Number(r.batch_id);
      problems.push({ batchId, seq: seqOf.get(batchId) ?? -1, problem: `stored ${type} '${r.record_id}' ${r.missing ? 'was deleted' : 'was changed'} after the batch committed` });
    }
  }
  problems.sort((a, b) => a.seq - b.seq);
  return { ok: problems.length === 0, entriesChecked: entries.length, firstBadBatchId: problems[0]?.batchId ?? null, problems };
}
