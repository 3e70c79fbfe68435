import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Tx } from '../db/tx';
import * as t from '../db/schema';

/** A staged line's place: its part and its line within the part. */
export interface LinePlace {
  partNo: number;
  lineNo: number;
}

/**
 * The next `limit` staged lines of a batch from `from` on (inclusive; null: the first), in
 * part and line order: one range of the primary key, however far into the batch.
 */
export function linesFrom(db: Db | Tx, batchId: number, from: LinePlace | null, limit: number) {
  return db
    .select({ partNo: t.batchLines.partNo, lineNo: t.batchLines.lineNo, raw: t.batchLines.raw })
    .from(t.batchLines)
    .where(and(eq(t.batchLines.batchId, batchId), from ? sql`(${t.batchLines.partNo}, ${t.batchLines.lineNo}) >= (${from.partNo}, ${from.lineNo})` : undefined))
    .orderBy(asc(t.batchLines.partNo), asc(t.batchLines.lineNo))
    .limit(limit);
}

/** Where a batch holds this exact line (a record sent twice is held twice); at most `limit` places. */
export function placesOfLine(db: Db | Tx, batchId: number, raw: string, limit: number): Promise<LinePlace[]> {
  return db
    .select({ partNo: t.batchLines.partNo, lineNo: t.batchLines.lineNo })
    .from(t.batchLines)
    .where(and(eq(t.batchLines.batchId, batchId), eq(t.batchLines.raw, raw)))
    .orderBy(asc(t.batchLines.partNo), asc(t.batchLines.lineNo))
    .limit(limit);
}
