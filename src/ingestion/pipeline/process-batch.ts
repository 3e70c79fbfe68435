import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { Registry } from '../../registry/registry.service';
import { EvidenceDigest } from '../../ledger/evidence';
import { sealIntoLedger } from '../../ledger/ledger';
import { canonicalForm } from '../steps/canonical';
import type { Tally } from '../steps/types';
import { remitOf } from './authority';
import { BatchWriter } from './batch-writer';
import { batchToProcess, claimBatch, lockForProcessing, markCommitted, setProgress, stillHeld } from './batch-run.repository';
import { CHUNK_LINES, stagedRecords } from './staged-records';

export interface ProcessOptions {
  db: Db;
  registry: Registry;
  log: Logger;
  batchId: number;
}

export type ProcessOutcome = { status: 'committed'; tally: Tally } | { status: 'busy' } | { status: 'not_sealed' };

/**
 * Processes a sealed batch in one transaction, so its accepted records become visible
 * together or not at all: staged lines a chunk at a time are parsed, validated, classified,
 * linked and written (BatchWriter), then held records whose parent has arrived are
 * released, and the batch is sealed into the ledger with the digest of its valid lines. Called again after a crash, it starts
 * over from the staged lines.
 */
export async function processBatch({ db, registry, log, batchId }: ProcessOptions): Promise<ProcessOutcome> {
  const batch = await batchToProcess(db, batchId);
  if (!batch || !['sealed', 'processing'].includes(batch.status)) return { status: 'not_sealed' };
  const platform = batch.platformId ? (registry.platformById(batch.platformId) ?? null) : null;
  const remit = remitOf({ code: batch.sourceCode, kind: batch.sourceKind }, platform);
  if (!(await claimBatch(db, batchId))) return { status: 'not_sealed' };
  const started = Date.now();

  return db.transaction(async (tx) => {
    const lock = await lockForProcessing(tx, batchId);
    if (lock !== 'locked') return { status: lock } as const;
    const writer = new BatchWriter({ tx, batchId, sourceId: batch.sourceId, platform, remit, registry });
    const evidence = new EvidenceDigest();
    let lineNo = 0;
    for await (const { incoming, refused, linesRead } of stagedRecords(tx, batchId)) {
      lineNo = linesRead;
      evidence.add(incoming);
      for (const r of refused) writer.reject(r);
      await writer.store(incoming);
      await writer.flushRejections();
      writer.endChunk();
      await setProgress(db, batchId, lineNo);
    }

    // Held records (of this batch or earlier ones) whose parent has now arrived.
    for (;;) {
      const released = await writer.releasable(CHUNK_LINES);
      if (released.length === 0) break;
      await writer.store(
        released.map((h) => ({
          lineNo: h.line_no,
          type: h.record_type,
          id: h.record_id,
          version: new Date((h.record as { version: string }).version),
          record: h.record,
          ...canonicalForm(h.record),
          deliveredBatchId: Number(h.batch_id),
        })),
      );
      await writer.flushRejections();
    }

    await sealIntoLedger(tx, batchId, evidence, writer.typesWritten);
    const tally = { ...writer.tally, held: await stillHeld(tx, batchId) };
    await markCommitted(tx, batchId, lineNo, tally);
    log.info({ batchId, lines: lineNo, ms: Date.now() - started, ...tally }, 'batch committed');
    return { status: 'committed', tally } as const;
  });
}
