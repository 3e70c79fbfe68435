import { MAX_LINE_BYTES, parseRecord } from '../records';
import { canonicalForm } from './canonical';
import type { Incoming, Refusal } from './types';

/** A staged line as the batch's store holds it. */
export interface StagedLine {
  raw: string | null;
  tooLong: boolean;
}

/**
 * Parses and validates a run of staged lines, numbered on from `firstLineNo`: each becomes
 * a record on its way in, or a refusal naming every field at fault.
 */
export function parseLines(lines: StagedLine[], firstLineNo: number, batchId: number): { incoming: Incoming[]; refused: Refusal[] } {
  const incoming: Incoming[] = [];
  const refused: Refusal[] = [];
  lines.forEach((line, n) => {
    const lineNo = firstLineNo + n;
    if (line.tooLong || line.raw === null) {
      refused.push({ lineNo, type: null, id: null, errors: [{ path: '', code: 'LINE_TOO_LONG', message: `line is over ${MAX_LINE_BYTES} bytes` }], raw: null, batchId });
      return;
    }
    const parsed = parseRecord(line.raw);
    if (!parsed.ok) refused.push({ lineNo, type: parsed.type, id: parsed.id, errors: parsed.errors, raw: line.raw, batchId });
    else incoming.push({ lineNo, type: parsed.type, id: parsed.id, version: parsed.version, record: parsed.record, ...canonicalForm(parsed.record), deliveredBatchId: batchId });
  });
  return { incoming, refused };
}
