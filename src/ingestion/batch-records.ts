import type { Db } from '../db/database';
import type { Tx } from '../db/tx';
import { RecordsDigest } from './records-digest';
import { linesFrom, placesOfLine, type LinePlace } from './staged-lines.repository';

const CHUNK_LINES = 5000;
/** A run's first line is looked for at this many places at most (the same record sent that often). */
const MAX_PLACES = 20;

/** The records digest of `count` staged lines of a batch from `from` on (of all of them when count is null). */
export async function digestOfStagedLines(db: Db | Tx, batchId: number, from: LinePlace | null = null, count: number | null = null) {
  const records = new RecordsDigest();
  let at = from;
  for (;;) {
    const want = count === null ? CHUNK_LINES : Math.min(CHUNK_LINES, count - records.lines);
    if (want <= 0) break;
    const rows = await linesFrom(db, batchId, at, want);
    for (const row of rows) records.add(row.raw);
    if (rows.length < want) break;
    at = { partNo: rows.at(-1)!.partNo, lineNo: rows.at(-1)!.lineNo + 1 };
  }
  return { lines: records.lines, digest: records.digest() };
}

/** What a part sent again to a sealed batch came to: its records digest, count and first line. */
export interface PartRecords {
  lines: number;
  digest: string | null;
  first: string | null;
}

/**
 * Whether a part sent again holds a run of the records the batch was sealed with, however
 * the batch was cut into parts then: its first line is looked up among the batch's lines,
 * and the lines from there compared by digest. False when the batch's lines are no longer
 * kept (retention), or a line was too long to keep.
 */
export async function isRunOfBatch(db: Db, batchId: number, part: PartRecords): Promise<boolean> {
  if (part.lines === 0) return true;
  if (part.first === null || part.digest === null) return false;
  for (const place of await placesOfLine(db, batchId, part.first, MAX_PLACES)) {
    const run = await digestOfStagedLines(db, batchId, place, part.lines);
    if (run.lines === part.lines && run.digest === part.digest) return true;
  }
  return false;
}
