import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { deleteLinesChunk, dropStagedLineMonth, forgetFailedParts, prunableBatches, stagedLineMonthsBefore } from './retention.repository';

export interface PruneResult {
  /** Staged lines deleted. */
  lines: number;
  /** Batches that lost their staged lines. */
  batches: number;
  olderThanDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Prunes the staged raw lines (batch_lines) of finished batches older than `olderThanDays`.
 * What a sender or the ledger needs later stays: the batch row with its counts and content
 * digest, the part digests of committed batches, rejected lines (rejected_records keeps
 * each one as sent) and held records (a batch with any still held is skipped). Deletes go
 * in chunks of `chunk` lines, each its own statement, so no long lock is held. The job body
 * of the scheduled prune and of `hub batches prune`.
 */
export async function pruneStagedLines(db: Db, opts: { olderThanDays: number; chunk?: number; now?: Date }, log?: Logger): Promise<PruneResult> {
  const result: PruneResult = { lines: 0, batches: 0, olderThanDays: opts.olderThanDays };
  if (opts.olderThanDays <= 0) return result; // 0 keeps them forever
  const chunk = opts.chunk ?? 10_000;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.olderThanDays * DAY_MS);
  const pruned = new Set<number>();
  // Whole months first: a month whose batches may all go is dropped at once, with no
  // deletes and no vacuum after them. What is left (months still holding a batch that
  // must keep its lines, and recent months) goes batch by batch below.
  for (const name of await stagedLineMonthsBefore(db, cutoff)) {
    const dropped = await dropStagedLineMonth(db, name, cutoff);
    if (!dropped) continue;
    result.lines += dropped.lines;
    for (const id of dropped.batches) pruned.add(id);
    log?.info({ month: name, lines: dropped.lines, batches: dropped.batches.length }, 'dropped a month of staged lines');
  }
  for (const batch of await prunableBatches(db, cutoff)) {
    if (batch.status === 'failed' && !(await forgetFailedParts(db, batch.id))) continue;
    let deleted = 0;
    for (let n = chunk; n === chunk;) {
      n = await deleteLinesChunk(db, batch.id, chunk);
      deleted += n;
    }
    if (deleted > 0) {
      result.lines += deleted;
      pruned.add(batch.id);
    }
  }
  result.batches = pruned.size;
  log?.info({ ...result }, 'pruned staged lines of finished batches');
  return result;
}
