import type { RecordError } from '../../db/schema';
import { storable } from '../records/characters';
import { isRecordFault } from './faults';
import type { Tx } from '../../db/tx';
import { insertRejections } from './rejections.repository';

export interface Rejection {
  batchId: number;
  lineNo: number;
  recordType: string | null;
  recordId: string | null;
  errors: RecordError[];
  raw: string | null;
}

const MAX_ERRORS = 50;

/**
 * A rejection as it may be stored: everything the sender wrote (type, id, values echoed in
 * messages) with unstorable characters written out and long texts cut, so that writing the
 * rejection of an odd line can never fail the batch.
 */
export function safeRejection(r: Rejection): Rejection {
  const errors = r.errors.slice(0, MAX_ERRORS).map((e) => ({ path: storable(e.path, 300), code: storable(e.code, 50), message: storable(e.message, 1000) }));
  if (r.errors.length > MAX_ERRORS) errors.push({ path: '', code: errors[0]!.code, message: `and ${r.errors.length - MAX_ERRORS} more errors` });
  return {
    batchId: r.batchId,
    lineNo: r.lineNo,
    recordType: r.recordType === null ? null : storable(r.recordType, 100),
    recordId: r.recordId === null ? null : storable(r.recordId, 300),
    errors,
    raw: r.raw === null ? null : storable(r.raw),
  };
}

/**
 * Writes rejections a thousand at a time in savepoints; a chunk Postgres refuses for its
 * data is written row by row, and a row it still refuses is kept without its raw line.
 */
export async function writeRejections(tx: Tx, rejections: Rejection[]): Promise<void> {
  const insert = (rows: Rejection[]) => tx.transaction((sp) => insertRejections(sp, rows));
  for (let n = 0; n < rejections.length; n += 1000) {
    const chunk = rejections.slice(n, n + 1000);
    try {
      await insert(chunk);
    } catch (error) {
      if (!isRecordFault(error)) throw error;
      for (const row of chunk) {
        try {
          await insert([row]);
        } catch (rowError) {
          if (!isRecordFault(rowError)) throw rowError;
          await insert([
            {
              ...row,
              recordId: null,
              raw: null,
              errors: [{ path: '', code: row.errors[0]?.code ?? 'INVALID_VALUE', message: 'the record was refused; its text could not be kept' }],
            },
          ]);
        }
      }
    }
  }
}
