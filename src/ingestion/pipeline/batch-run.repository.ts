import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import * as t from '../../db/schema';
import type { Tx } from '../../db/tx';
import type { Tally } from '../steps/types';

/** The batch to process, with its source; undefined if there is none. */
export async function batchToProcess(db: Db, batchId: number) {
  const [batch] = await db
    .select({ status: t.batches.status, sourceId: t.batches.sourceId, platformId: t.dataSources.platformId, sourceCode: t.dataSources.code, sourceKind: t.dataSources.kind })
    .from(t.batches)
    .innerJoin(t.dataSources, eq(t.dataSources.id, t.batches.sourceId))
    .where(eq(t.batches.id, batchId));
  return batch;
}

/**
 * Claims the batch for processing, only while it is still sealed or processing: another
 * hub process may have committed it since it was read, and an unconditional update would
 * turn 'committed' back into 'processing'.
 */
export async function claimBatch(db: Db, batchId: number): Promise<boolean> {
  const claimed = await db
    .update(t.batches)
    .set({ status: 'processing', progressLines: 0, error: null })
    .where(and(eq(t.batches.id, batchId), inArray(t.batches.status, ['sealed', 'processing'])))
    .returning({ id: t.batches.id });
  return claimed.length > 0;
}

/**
 * Takes the batch's transaction-long lock, and says whether the batch is still unfinished
 * under it: two hub processes may both pick it up after a restart. Clears what an earlier
 * attempt quarantined.
 */
export async function lockForProcessing(tx: Tx, batchId: number): Promise<'locked' | 'busy' | 'not_sealed'> {
  const lock = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(7150002, ${batchId}::int) as ok`);
  if (!lock.rows[0]!.ok) return 'busy';
  const [current] = await tx.select({ status: t.batches.status }).from(t.batches).where(eq(t.batches.id, batchId));
  if (current?.status !== 'processing') return 'not_sealed';
  await tx.delete(t.rejectedRecords).where(eq(t.rejectedRecords.batchId, batchId));
  return 'locked';
}

export interface LinePosition {
  partNo: number;
  lineNo: number;
}

/** The next `limit` staged lines of the batch after `after`, in part and line order. */
export function stagedLines(tx: Db | Tx, batchId: number, after: LinePosition | null, limit: number) {
  return tx
    .select({ partNo: t.batchLines.partNo, lineNo: t.batchLines.lineNo, raw: t.batchLines.raw, tooLong: t.batchLines.tooLong })
    .from(t.batchLines)
    .where(
      and(
        eq(t.batchLines.batchId, batchId),
        // A row comparison is one range of the primary key (batch_id, part_no, line_no); the
        // same condition spelt with OR made Postgres read the batch from its start for every
        // chunk: 397 s of a 10,000,000-record run's 1,993 s of processing.
        after ? sql`(${t.batchLines.partNo}, ${t.batchLines.lineNo}) > (${after.partNo}, ${after.lineNo})` : undefined,
      ),
    )
    .orderBy(asc(t.batchLines.partNo), asc(t.batchLines.lineNo))
    .limit(limit);
}

/** Progress, written outside the batch's transaction so that the sender can watch it. */
export async function setProgress(db: Db, batchId: number, lines: number): Promise<void> {
  await db.update(t.batches).set({ progressLines: lines }).where(eq(t.batches.id, batchId));
}

/** How many of the batch's own records are still held. */
export async function stillHeld(tx: Tx, batchId: number): Promise<number> {
  const [held] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(t.heldRecords)
    .where(and(eq(t.heldRecords.batchId, batchId), sql`released_at is null`));
  return held!.n;
}

export async function markCommitted(tx: Tx, batchId: number, lines: number, tally: Tally): Promise<void> {
  await tx
    .update(t.batches)
    .set({
      status: 'committed',
      recordsReceived: lines,
      progressLines: lines,
      recordsStored: tally.stored,
      recordsUnchanged: tally.unchanged,
      recordsStale: tally.stale,
      recordsHeld: tally.held,
      recordsRejected: tally.rejected,
      recordsReleased: tally.released,
      committedAt: new Date(),
    })
    .where(eq(t.batches.id, batchId));
}
