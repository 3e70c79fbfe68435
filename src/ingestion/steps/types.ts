import type { RecordError } from '../../db/schema';
import type { PushRecord, RecordType } from '../records';

/** A valid record on its way into the store. */
export interface Incoming {
  lineNo: number;
  type: RecordType;
  id: string;
  version: Date;
  record: PushRecord;
  contentHash: string;
  /** The record as canonical JSON, which `contentHash` hashes. */
  canonical: string;
  /** The batch that delivered it: this one, or an earlier one for a held record released now. */
  deliveredBatchId: number;
}

/** A record's current version as the store knows it, and the row it is (null while unknown). */
export interface Head {
  version: Date;
  hash: string;
  targetId: number | null;
}

export const headKey = (type: string, id: string) => `${type}\u0000${id}`;

/** A record the pipeline refuses, with every field at fault. */
export interface Refusal {
  lineNo: number;
  type: string | null;
  id: string | null;
  errors: RecordError[];
  raw: string | null;
  batchId: number;
}

/** A record's refusal as the batch keeps it: its accepted form, the batch that delivered it. */
export const refusalOf = (i: Incoming, errors: RecordError[]): Refusal => ({
  lineNo: i.lineNo,
  type: i.type,
  id: i.id,
  errors,
  raw: JSON.stringify(i.record),
  batchId: i.deliveredBatchId,
});

export interface Tally {
  stored: number;
  unchanged: number;
  stale: number;
  held: number;
  rejected: number;
  /** Held records of earlier batches stored now. */
  released: number;
}

/** Records grouped by type, each group in arrival order. */
export function byRecordType(incoming: Incoming[]): Map<RecordType, Incoming[]> {
  const groups = new Map<RecordType, Incoming[]>();
  for (const i of incoming) {
    const group = groups.get(i.type);
    if (group) group.push(i);
    else groups.set(i.type, [i]);
  }
  return groups;
}
