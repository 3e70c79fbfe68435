import * as t from '../../db/schema';
import type { Tx } from '../../db/tx';
import type { Rejection } from './rejections';

/** Quarantines refused records in one statement. */
export async function insertRejections(tx: Tx, rows: Rejection[]): Promise<void> {
  if (rows.length > 0) await tx.insert(t.rejectedRecords).values(rows);
}
