import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { Pool } from '../db/database';
import type { Line } from './line-splitter';

// The staging table's statements: one part's lines into batch_lines by COPY, and its
// batch_parts row, in the part's own transaction. upload.ts does the streaming around it.

/** What a part came to, as batch_parts records it. */
export interface PartReceipt {
  lines: number;
  bytes: number;
  sha256: string;
}

/**
 * COPY text format: backslash, tab, newline and CR must be escaped, and it cannot carry a
 * NUL at all. A NUL is staged as JSON's own escape for it, \u0000, so the line is kept and
 * later rejected by the record validator with its path. Where the sender put a backslash
 * right before the NUL, that backslash begins the escape (only `u0000` is added): adding
 * a whole `\u0000` would make it `\\u0000`, a harmless text that would then be stored.
 */
export const stageNul = (s: string) => (s.includes('\0') ? s.replace(/(\\*)\0/g, (_m, slashes: string) => `${slashes}${slashes.length % 2 === 1 ? '' : '\\'}u0000`) : s);
const copyEscape = (s: string) => stageNul(s).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** Turns lines into COPY rows of batch_lines, in the column order of the COPY below. */
class CopyRows extends Transform {
  lines = 0;
  constructor(
    private readonly batchId: number,
    private readonly partNo: number,
  ) {
    super({ writableObjectMode: true });
  }
  override _transform(line: Line, _e: BufferEncoding, done: TransformCallback) {
    this.lines++;
    const raw = line.text === null ? '\\N' : copyEscape(line.text);
    done(null, `${this.batchId}\t${this.partNo}\t${this.lines}\t${raw}\t${line.text === null ? 't' : 'f'}\n`);
  }
}

/**
 * The end of the upload's pipeline: lines go into `stages[0]`, and `stages[1]` is the COPY
 * itself. The caller must run both in its pipeline with an 'error' listener on each, added
 * at once and kept for good (upload.ts's runStages): a COPY can fail after the pipeline has
 * given up on it, when its connection is closed, and an unheard 'error' would crash the hub.
 */
export interface PartCopy {
  stages: [Transform, Writable];
  /** Lines written so far. */
  lines(): number;
}

export type PartStaging = { staged: PartReceipt } | { refused: 'part_busy' | 'batch_sealed' };

/**
 * Replaces part `partNo` of a batch with what `fill` streams into the COPY, in one
 * transaction, so a retried upload never leaves half a part behind. Refused without calling
 * `fill` (the body is not read) when another request is uploading the same part; refused
 * after it, and nothing kept, when the batch is no longer open by the time the part ends.
 */
export async function stagePartLines(pool: Pool, batchId: number, partNo: number, fill: (copy: PartCopy) => Promise<PartReceipt>): Promise<PartStaging> {
  const client = await pool.connect();
  let committed = false;
  try {
    await client.query('begin');
    // A retry of a part while its first attempt still streams would wait on the first one's
    // rows and then fail on their key: it is refused at once instead, before its body is read.
    const { rows: mine } = await client.query<{ ok: boolean }>("select pg_try_advisory_xact_lock(hashtextextended('part:' || $1 || ':' || $2, 0)) as ok", [batchId, partNo]);
    if (!mine[0]?.ok) return { refused: 'part_busy' };
    await client.query('delete from batch_lines where batch_id = $1 and part_no = $2', [batchId, partNo]);
    const rows = new CopyRows(batchId, partNo);
    const copy = client.query(copyFrom('copy batch_lines (batch_id, part_no, line_no, raw, too_long) from stdin'));
    const part = await fill({ stages: [rows, copy], lines: () => rows.lines });
    // Sealing conflicts with this row lock, so a part still streaming when its batch is
    // sealed never changes it.
    const { rows: locked } = await client.query<{ status: string }>('select status from batches where id = $1 for share', [batchId]);
    if (locked[0]?.status !== 'open') return { refused: 'batch_sealed' };
    await client.query(
      `insert into batch_parts (batch_id, part_no, lines, bytes, sha256) values ($1, $2, $3, $4, $5)
       on conflict (batch_id, part_no) do update set lines = excluded.lines, bytes = excluded.bytes, sha256 = excluded.sha256, uploaded_at = now()`,
      [batchId, partNo, part.lines, part.bytes, part.sha256],
    );
    await client.query('commit');
    committed = true;
    return { staged: part };
  } finally {
    // A COPY cut off midway leaves the connection unusable, and a refused or failed part
    // must not be kept: close the connection, and Postgres rolls the part back.
    client.release(!committed);
  }
}
