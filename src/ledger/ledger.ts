import type { Db } from '../db/database';
import type { Tx } from '../db/tx';
import { stagedRecords } from '../ingestion/pipeline/staged-records';
import { RECORD_TYPES, type RecordType } from '../ingestion/records';
import { sha256 } from '../ingestion/steps/canonical';
import { byRecordType } from '../ingestion/steps/types';
import { EvidenceDigest } from './evidence';
import { appendEntry, changedRows, hashEntityRows, ledgerEntries, linesWithoutRow, rowsPerBatch } from './ledger.repository';
import { readHeads } from '../ingestion/pipeline/heads.repository';

// The ingestion ledger (存证). Each committed batch gets an entry whose hash covers the
// batch's digest and the previous entry's hash. The digest covers the batch's valid staged
// lines (evidence.ts): what was received. Each fact row carries the content hash of the
// version it holds and a stamp of itself that only the pipeline's writes renew; entity rows
// are hashed in their entity records. Changing a stored row, a staged line, or an entry
// afterwards breaks something verification recomputes.

const GENESIS = '0'.repeat(64);

export function entryHash(previousHash: string, batchId: number, digest: string, records: number): string {
  return sha256(`${previousHash}\n${batchId}\n${digest}\n${records}`);
}

/**
 * Appends the batch's ledger entry for the digest the pipeline took of its lines. Entity
 * rows are hashed here, at the end, because several records of one batch may name and
 * update the same entity.
 */
export async function sealIntoLedger(tx: Tx, batchId: number, evidence: EvidenceDigest, types: Iterable<RecordType>): Promise<void> {
  if ([...types].includes('entity')) await hashEntityRows(tx, batchId);
  const records = evidence.records;
  const digest = evidence.digest();
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
  /** Entries whose digest was recomputed from the batch's staged lines. */
  digestsRecomputed: number;
  /** Entries checked by their chain only: lines pruned by retention, or sealed before digests covered staged lines. */
  chainOnly: number;
  /** The earliest batch in ledger order whose entry, lines or stored rows no longer match. */
  firstBadBatchId: number | null;
  problems: LedgerProblem[];
}

/**
 * Reads a batch's staged lines again, takes their digest with the pipeline's own parse
 * step, and checks each record's head against them: a head that says it holds this
 * batch's version must hold its content, a valid line that was neither refused nor held
 * must have left a row, and no more rows may name the batch than its lines account for.
 * Null when the batch has no staged lines left.
 */
async function checkEvidence(db: Db, batchId: number, sourceId: number, rowsClaiming: Map<RecordType, number> | undefined) {
  const evidence = new EvidenceDigest();
  const problems: string[] = [];
  const withoutRow = await linesWithoutRow(db, batchId);
  const accounted = new Map<RecordType, Set<string>>();
  let lineNo = 0;
  for await (const { incoming, linesRead } of stagedRecords(db, batchId)) {
    lineNo = linesRead;
    evidence.add(incoming);
    for (const [type, lines] of byRecordType(incoming)) {
      const heads = await readHeads(
        db,
        sourceId,
        type,
        lines.map((i) => i.id),
      );
      const mine = accounted.get(type) ?? accounted.set(type, new Set()).get(type)!;
      for (const i of lines) {
        const head = heads.get(i.id);
        if (!head) {
          if (!withoutRow.has(i.lineNo)) problems.push(`stored ${type} '${i.id}' (line ${i.lineNo}) was deleted`);
        } else if (withoutRow.has(i.lineNo)) {
          // Refused (the same version again with other content, say) or still held: it left no row to compare.
        } else if (head.batchId === batchId && head.version.getTime() === i.version.getTime()) {
          mine.add(i.id);
          if (head.contentHash !== i.contentHash) problems.push(`stored ${type} '${i.id}' no longer holds the content its line ${i.lineNo} sent`);
        }
      }
    }
  }
  if (lineNo === 0) return null;
  for (const [type, n] of rowsClaiming ?? []) {
    const known = accounted.get(type)?.size ?? 0;
    if (n > known) problems.push(`${n - known} ${type} row(s) name this batch but none of its lines holds their version`);
  }
  return { digest: evidence.digest(), records: evidence.records, problems };
}

/** Walks the chain, recomputes each batch's digest from its staged lines, and checks every stored row against its stamp and its batch. */
export async function verifyLedger(db: Db, onProgress?: (checked: number) => void): Promise<LedgerVerification> {
  const problems: LedgerProblem[] = [];
  const entries = await ledgerEntries(db);
  const seqOf = new Map(entries.map(({ entry: e }) => [e.batchId, e.seq]));
  const claiming = await rowsPerBatch(db);
  let previous = GENESIS;
  let recomputed = 0;
  for (const [n, { entry: e, sourceId }] of entries.entries()) {
    const report = (problem: string) => problems.push({ batchId: e.batchId, seq: e.seq, problem });
    if (e.previousHash !== previous) report('the chain is broken: previous hash does not match the entry before');
    if (entryHash(e.previousHash, e.batchId, e.batchDigest, e.records) !== e.entryHash) report('the entry hash does not match its content');
    previous = e.entryHash;
    if (e.digestOf === 'staged_lines') {
      const check = await checkEvidence(db, e.batchId, sourceId, claiming.get(e.batchId));
      if (check) {
        recomputed++;
        if (check.digest !== e.batchDigest || check.records !== e.records) report(`its staged lines changed (${check.records} valid lines now, ${e.records} sealed)`);
        for (const problem of check.problems) report(problem);
      }
    }
    if (n % 100 === 0) onProgress?.(n);
  }
  for (const type of RECORD_TYPES) {
    for (const r of await changedRows(db, type)) {
      const batchId = Number(r.batch_id);
      problems.push({ batchId, seq: seqOf.get(batchId) ?? -1, problem: `stored ${type} '${r.record_id}' was changed after the batch committed` });
    }
  }
  problems.sort((a, b) => a.seq - b.seq);
  return {
    ok: problems.length === 0,
    entriesChecked: entries.length,
    digestsRecomputed: recomputed,
    chainOnly: entries.length - recomputed,
    firstBadBatchId: problems[0]?.batchId ?? null,
    problems,
  };
}
