import type { Db } from '../../db/database';
import type { Tx } from '../../db/tx';
import { parseLines } from '../steps/parse';
import type { Incoming, Refusal } from '../steps/types';
import { stagedLines, type LinePosition } from './batch-run.repository';

/** Lines read back at a time: memory stays flat however large the batch. */
export const CHUNK_LINES = 5000;

/**
 * A batch's staged lines read back a chunk at a time, in part and line order, and parsed
 * by the pipeline's first step, lines numbered across parts as receipts number them. The
 * pipeline stores what this yields; ledger verification takes the digest of it again.
 */
export async function* stagedRecords(db: Db | Tx, batchId: number): AsyncGenerator<{ incoming: Incoming[]; refused: Refusal[]; linesRead: number }> {
  let after: LinePosition | null = null;
  let linesRead = 0;
  for (;;) {
    const rows = await stagedLines(db, batchId, after, CHUNK_LINES);
    if (rows.length === 0) return;
    after = rows.at(-1)!;
    const parsed = parseLines(rows, linesRead + 1, batchId);
    linesRead += rows.length;
    yield { ...parsed, linesRead };
  }
}
