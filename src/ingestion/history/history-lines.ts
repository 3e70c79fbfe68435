import { parseLines } from '../steps/parse';
import type { RecordError } from '../../db/schema';
import type { RecordType } from '../records';

// The pure half of recordHistory: how a record's id is looked for in raw lines, which lines
// are that record, and what became of each. The repository reads lines; this decides.

/**
 * The ways a sender's JSON library may spell the id as a JSON string: as JavaScript writes
 * it; with every non-ASCII character as \uXXXX (Python's json.dumps and PHP's json_encode by
 * default; lower- or upper-case hex); and with `/` as `\/` (PHP). A line that escapes
 * ordinary ASCII letters of the id (`\u0050` for `P`) is valid JSON that none of these finds.
 */
export function jsonSpellings(id: string): string[] {
  const plain = JSON.stringify(id);
  const ascii = (upper: boolean) =>
    plain.replace(/[\u0080-\uffff]/g, (c) => {
      const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  const spellings = [plain, ascii(false), ascii(true)];
  return [...new Set([...spellings, ...spellings.map((s) => s.replaceAll('/', '\\/'))])];
}

// Postgres's advanced regular expressions take a backslash before any ASCII character that
// is not a letter or digit as that character itself; other characters stand for themselves.
const regexLiteral = (text: string) => text.replace(/[^A-Za-z0-9\u0080-\uffff]/g, (c) => `\\${c}`);

/**
 * What Postgres looks for before a line is parsed: any spelling of the id as a plain
 * substring (cheap, and most lines fail it), then the `"id": …` and `"type": …` members as
 * regular expressions, which keep out the many lines that only refer to the record (every
 * bid names its project's id). Whatever passes is parsed and checked exactly (isLineOf).
 */
export interface LineFilter {
  needles: string[];
  idPattern: string;
  typePattern: string;
}

export function lineFilter(type: RecordType, id: string): LineFilter {
  const needles = jsonSpellings(id);
  return {
    needles,
    idPattern: `"id"[[:space:]]*:[[:space:]]*(${needles.map(regexLiteral).join('|')})`,
    typePattern: `"type"[[:space:]]*:[[:space:]]*"${type}"`,
  };
}

/** The line parsed as JSON when it is a record of this type and id (the id as validation trims it), else null. */
export function recordOfLine(raw: string, type: RecordType, id: string): Record<string, unknown> | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const head = json as { type?: unknown; id?: unknown };
  return head.type === type && typeof head.id === 'string' && head.id.trim() === id ? (json as Record<string, unknown>) : null;
}

/** A staged line as the repository reads it, with the batch's state. */
export interface CandidateLine {
  batchId: number;
  partNo: number;
  /** Within its part, as staged. */
  partLineNo: number;
  /** Within the batch, counting across parts from 1: the pipeline's and the rejections' line number. */
  line: number;
  raw: string;
}

/** One version of the record as received, before its outcome is known. */
export interface ReceivedLine {
  batchId: number;
  line: number;
  record: Record<string, unknown>;
  /** The version as sent, when it is a timestamp. */
  version: Date | null;
  /** SHA-256 of the canonical form of the validated record, as the pipeline computes it; null for a line that does not validate. */
  contentHash: string | null;
  position: LinePosition;
}

/** A line's key in the store's lookups (rejected_records, held_records): batch and line number. */
export const lineKey = (batchId: number, line: number) => `${batchId}:${line}`;

/** Where a line sits in a source's staged lines: the scan's keyset, newest last. */
export interface LinePosition {
  batchId: number;
  partNo: number;
  lineNo: number;
}

/**
 * Each candidate that is the record, with its version and hash as the pipeline sees them:
 * parseLines is the pipeline's own parse and validation step, so the hash is the one the
 * ledger and the record head hold. A line that fails validation keeps the version it claims.
 */
export function receivedLines(candidates: CandidateLine[], type: RecordType, id: string): ReceivedLine[] {
  const out: ReceivedLine[] = [];
  for (const c of candidates) {
    const record = recordOfLine(c.raw, type, id);
    if (!record) continue;
    const { incoming } = parseLines([{ raw: c.raw, tooLong: false }], c.line, c.batchId);
    const valid = incoming[0];
    const claimed = typeof record.version === 'string' ? new Date(record.version) : null;
    out.push({
      batchId: c.batchId,
      line: c.line,
      record,
      version: valid ? valid.version : claimed && !Number.isNaN(claimed.getTime()) ? claimed : null,
      contentHash: valid ? valid.contentHash : null,
      position: { batchId: c.batchId, partNo: c.partNo, lineNo: c.partLineNo },
    });
  }
  return out;
}

export const OUTCOMES = ['CURRENT', 'SUPERSEDED', 'REJECTED', 'HELD', 'PENDING', 'NOT_STORED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type BatchStatus = 'open' | 'sealed' | 'processing' | 'committed' | 'failed';

/** What the store says about one line: its batch's state, and whether it was refused or is held. */
export interface LineFate {
  batchStatus: BatchStatus;
  rejected: RecordError[] | null;
  held: boolean;
}

/**
 * What became of a line. Only a committed batch decided anything: before that the line is
 * pending, and a failed batch stored nothing. Refused and held lines say so; any other line
 * of a committed batch is compared with the version the store holds now (the pipeline never
 * lets an older version replace a newer one, and refuses a reused version with other
 * content, so the version alone tells the current line from the superseded ones).
 */
export function outcomeOf(version: Date | null, fate: LineFate, current: Date | null): Outcome {
  if (fate.batchStatus === 'failed') return 'NOT_STORED';
  if (fate.batchStatus !== 'committed') return 'PENDING';
  if (fate.rejected) return 'REJECTED';
  if (fate.held) return 'HELD';
  if (!version || !current) return 'NOT_STORED';
  if (version.getTime() === current.getTime()) return 'CURRENT';
  return version.getTime() < current.getTime() ? 'SUPERSEDED' : 'NOT_STORED';
}

/**
 * Batches, newest first, in runs of about `maxLines` staged lines, so that one statement
 * reads a bounded share of the scan (a batch larger than that is a run of its own).
 */
export function batchRuns<B extends { id: number; lines: number }>(batches: B[], maxLines: number): B[][] {
  const runs: B[][] = [];
  let run: B[] = [];
  let lines = 0;
  for (const b of batches) {
    if (run.length > 0 && lines + b.lines > maxLines) {
      runs.push(run);
      run = [];
      lines = 0;
    }
    run.push(b);
    lines += b.lines;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
