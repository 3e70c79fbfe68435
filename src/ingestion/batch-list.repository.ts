import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import * as t from '../db/schema';
import type { BatchStatus } from './batch.enums';
import type { BatchRow } from './batch.repository';

export type HeldRow = Omit<typeof t.heldRecords.$inferSelect, 'record'>;

/** Conditions on batches; null fields do not restrict. */
export interface BatchQuery {
  sourceIds: number[] | null;
  statuses: BatchStatus[] | null;
  createdFrom: Date | null;
  createdBefore: Date | null;
}

function conditions(q: BatchQuery): SQL[] {
  const where: SQL[] = [];
  if (q.sourceIds) where.push(inArray(t.batches.sourceId, q.sourceIds));
  if (q.statuses) where.push(inArray(t.batches.status, q.statuses));
  if (q.createdFrom) where.push(gte(t.batches.createdAt, q.createdFrom));
  if (q.createdBefore) where.push(lt(t.batches.createdAt, q.createdBefore));
  return where;
}

/** Newest first; the keyset is (createdAt, id), so batches opened in the same instant still page stably. */
export function pageBatches(db: Db, q: BatchQuery, after: { createdAt: Date; id: number } | null, limit: number): Promise<BatchRow[]> {
  const where = conditions(q);
  if (after) where.push(sql`(${t.batches.createdAt}, ${t.batches.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id})`);
  return db
    .select()
    .from(t.batches)
    .where(and(...where))
    .orderBy(desc(t.batches.createdAt), desc(t.batches.id))
    .limit(limit);
}

export async function countBatches(db: Db, q: BatchQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(t.batches)
    .where(and(...conditions(q)));
  return row?.n ?? 0;
}

const HELD_COLUMNS = {
  id: t.heldRecords.id,
  sourceId: t.heldRecords.sourceId,
  batchId: t.heldRecords.batchId,
  lineNo: t.heldRecords.lineNo,
  recordType: t.heldRecords.recordType,
  recordId: t.heldRecords.recordId,
  awaitingType: t.heldRecords.awaitingType,
  awaitingId: t.heldRecords.awaitingId,
  heldAt: t.heldRecords.heldAt,
  releasedAt: t.heldRecords.releasedAt,
  releasedByBatchId: t.heldRecords.releasedByBatchId,
};

/** A batch's held records in line order, released ones too (the held-records batch index). */
export function heldOfBatch(db: Db, batchId: number, afterLine: number, limit: number): Promise<HeldRow[]> {
  return db
    .select(HELD_COLUMNS)
    .from(t.heldRecords)
    .where(and(eq(t.heldRecords.batchId, batchId), gt(t.heldRecords.lineNo, afterLine)))
    .orderBy(asc(t.heldRecords.lineNo))
    .limit(limit);
}

export async function countHeldOfBatch(db: Db, batchId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(t.heldRecords).where(eq(t.heldRecords.batchId, batchId));
  return row?.n ?? 0;
}

const stillHeld = (sourceIds: number[] | null) => and(isNull(t.heldRecords.releasedAt), sourceIds ? inArray(t.heldRecords.sourceId, sourceIds) : undefined);

/** The records still waiting, of these sources (null: of all), oldest first. */
export function heldOfSources(db: Db, sourceIds: number[] | null, afterId: number, limit: number): Promise<HeldRow[]> {
  return db
    .select(HELD_COLUMNS)
    .from(t.heldRecords)
    .where(and(stillHeld(sourceIds), gt(t.heldRecords.id, afterId)))
    .orderBy(asc(t.heldRecords.id))
    .limit(limit);
}

export async function countHeldOfSources(db: Db, sourceIds: number[] | null): Promise<number> {
  const [row] = await db.select({ n: count() }).from(t.heldRecords).where(stillHeld(sourceIds));
  return row?.n ?? 0;
}
