import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import * as t from '../../db/schema';
import type { Registry } from '../../registry/registry.service';
import { MAX_LINE_BYTES, parseRecord, type RecordType } from '../records';
import { remitOf } from './authority';
import { BatchWriter, type Incoming, type Tally } from './batch-writer';
import { sealIntoLedger } from './ledger';
import { canonicalForm } from './stores';

const CHUNK_LINES = 5000;

export interface ProcessOptions {
  db: Db;
  registry: Registry;
  log: Logger;
  batchId: number;
}

export type ProcessOutcome = { status: 'committed'; tally: Tally } | { status: 'busy' } | { status: 'not_sealed' };

/**
 * Processes a sealed batch in one transaction, so its accepted records become visible
 * together or not at all. Progress (lines read) is written outside the transaction so the
 * sender can watch it. Called again after a crash, it starts over from the staged lines.
 */
export async function processBatch({ db, registry, log, batchId }: ProcessOptions): Promise<ProcessOutcome> {
  const [batch] = await db
    .select({ status: t.batches.status, sourceId: t.batches.sourceId, platformId: t.dataSources.platformId, sourceCode: t.dataSources.code, sourceKind: t.dataSources.kind })
    .from(t.batches)
    .innerJoin(t.dataSources, eq(t.dataSources.id, t.batches.sourceId))
    .where(eq(t.batches.id, batchId));
  if (!batch || !['sealed', 'processing'].includes(batch.status)) return { status: 'not_sealed' };
  const platform = batch.platformId ? (registry.platformById(batch.platformId) ?? null) : null;
  const remit = remitOf({ code: batch.sourceCode, kind: batch.sourceKind }, platform);
  // The claim is conditional: another hub process may have committed the batch since the
  // read above, and an unconditional update would turn 'committed' back into 'processing'.
  const claimed = await db
    .update(t.batches)
    .set({ status: 'processing', progressLines: 0, error: null })
    .where(and(eq(t.batches.id, batchId), inArray(t.batches.status, ['sealed', 'processing'])))
    .returning({ id: t.batches.id });
  if (claimed.length === 0) return { status: 'not_sealed' };
  const started = Date.now();

  return db.transaction(async (tx) => {
    // Two hub processes may both pick the batch up after a restart; one does the work, and
    // the other, once it gets the lock, must find the batch still unfinished.
    const lock = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(7150002, ${batchId}::int) as ok`);
    if (!lock.rows[0]!.ok) return { status: 'busy' } as const;
    const [current] = await tx.select({ status: t.batches.status }).from(t.batches).where(eq(t.batches.id, batchId));
    if (current?.status !== 'processing') return { status: 'not_sealed' } as const;
    await tx.delete(t.rejectedRecords).where(eq(t.rejectedRecords.batchId, batchId));
    const writer = new BatchWriter({ tx, batchId, sourceId: batch.sourceId, platform, remit, registry });
    let lineNo = 0;
    let after: { partNo: number; lineNo: number } | null = null;
    for (;;) {
      const rows = await tx
        .select({ partNo: t.batchLines.partNo, lineNo: t.batchLines.lineNo, raw: t.batchLines.raw, tooLong: t.batchLines.tooLong })
        .from(t.batchLines)
        .where(
          and(
            eq(t.batchLines.batchId, batchId),
            after ? or(gt(t.batchLines.partNo, after.partNo), and(eq(t.batchLines.partNo, after.partNo), gt(t.batchLines.lineNo, after.lineNo))) : undefined,
          ),
        )
        .orderBy(asc(t.batchLines.partNo), asc(t.batchLines.lineNo))
        .limit(CHUNK_LINES);
      if (rows.length === 0) break;
      after = rows.at(-1)!;
      const incoming: Incoming[] = [];
      for (const row of rows) {
        lineNo++;
        if (row.tooLong || row.raw === null) {
          writer.reject(lineNo, null, null, [{ path: '', code: 'LINE_TOO_LONG', message: `line is over ${MAX_LINE_BYTES} bytes` }], null);
          continue;
        }
        const parsed = parseRecord(row.raw);
        if (!parsed.ok) writer.reject(lineNo, parsed.type, parsed.id, parsed.errors, row.raw);
        else incoming.push({ lineNo, type: parsed.type, id: parsed.id, version: parsed.version, record: parsed.record, ...canonicalForm(parsed.record), deliveredBatchId: batchId });
      }
      await writer.store(incoming);
      await writer.flushRejections();
      writer.endChunk();
      await db.update(t.batches).set({ progressLines: lineNo }).where(eq(t.batches.id, batchId));
    }

    // Held records (of this batch or earlier ones) whose parent has now arrived.
    for (;;) {
      const released = await writer.releasable(CHUNK_LINES);
      if (released.rows.length === 0) break;
      await writer.store(
        released.rows.map((h) => ({
          lineNo: h.line_no, type: h.record_type as RecordType, id: h.record_id, version: new Date((h.record as { version: string }).version),
          record: h.record, ...canonicalForm(h.record), deliveredBatchId: Number(h.batch_id),
        })),
      );
      await writer.flushRejections();
    }
    const [held] = await tx.select({ n: sql<number>`count(*)::int` }).from(t.heldRecords).where(and(eq(t.heldRecords.batchId, batchId), sql`released_at is null`));

    await sealIntoLedger(tx, batchId, writer.typesWritten);
    const tally = { ...writer.tally, held: held!.n };
    await tx
      .update(t.batches)
      .set({
        status: 'committed', recordsReceived: lineNo, progressLines: lineNo, recordsStored: tally.stored, recordsUnchanged: tally.unchanged,
        recordsStale: tally.stale, recordsHeld: tally.held, recordsRejected: tally.rejected, recordsReleased: tally.released, committedAt: new Date(),
      })
      .where(eq(t.batches.id, batchId));
    log.info({ batchId, lines: lineNo, ms: Date.now() - started, ...tally }, 'batch committed');
    return { status: 'committed', tally } as const;
  });
}
