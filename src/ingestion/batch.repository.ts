import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { Tx } from '../db/tx';
import * as t from '../db/schema';
import { pushSourceCode } from '../registry/reference-data';

export type BatchRow = typeof t.batches.$inferSelect;
export type BatchPartRow = typeof t.batchParts.$inferSelect;
export type RejectionRow = typeof t.rejectedRecords.$inferSelect;

/** Opens the batch for (source, key), or returns the one that key already opened. */
export async function openOrFindBatch(db: Db, sourceId: number, idempotencyKey: string): Promise<BatchRow> {
  const [created] = await db.insert(t.batches).values({ sourceId, idempotencyKey }).onConflictDoNothing().returning();
  if (created) return created;
  const [existing] = await db
    .select()
    .from(t.batches)
    .where(and(eq(t.batches.sourceId, sourceId), eq(t.batches.idempotencyKey, idempotencyKey)));
  return existing!;
}

export async function findBatch(db: Db, id: number): Promise<BatchRow | undefined> {
  const [row] = await db.select().from(t.batches).where(eq(t.batches.id, id));
  return row;
}

export async function reopenFailedBatch(db: Db, id: number): Promise<BatchRow> {
  const [row] = await db
    .update(t.batches)
    .set({ status: 'open', error: null })
    .where(and(eq(t.batches.id, id), eq(t.batches.status, 'failed')))
    .returning();
  return row ?? (await findBatch(db, id))!;
}

export async function findPart(db: Db, batchId: number, partNo: number): Promise<BatchPartRow | undefined> {
  const [row] = await db
    .select()
    .from(t.batchParts)
    .where(and(eq(t.batchParts.batchId, batchId), eq(t.batchParts.partNo, partNo)));
  return row;
}

export interface SealDeclaration {
  count: number;
  sha256: string;
  contentSha256: string;
}

/**
 * Seals an open (or failed) batch in one transaction: the batch row is locked first, then
 * its parts are read and checked (`check` throws to refuse; it may read the staged lines
 * through the transaction) and the batch marked sealed.
 * The lock (NO KEY UPDATE, which a streaming upload's own foreign-key lock does not block)
 * conflicts with the FOR SHARE an upload takes before committing, so no part can commit
 * between the check and the seal. The batch as sealed; null if it was not open or failed.
 */
export async function sealUnderLock(db: Db, id: number, check: (parts: BatchPartRow[], tx: Tx) => Promise<SealDeclaration>): Promise<BatchRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ status: t.batches.status }).from(t.batches).where(eq(t.batches.id, id)).for('no key update');
    if (!row || !['open', 'failed'].includes(row.status)) return null;
    const parts = await tx.select().from(t.batchParts).where(eq(t.batchParts.batchId, id)).orderBy(asc(t.batchParts.partNo));
    const declared = await check(parts, tx);
    const [sealed] = await tx
      .update(t.batches)
      .set({ status: 'sealed', declaredCount: declared.count, declaredSha256: declared.sha256, contentSha256: declared.contentSha256, sealedAt: new Date(), error: null })
      .where(eq(t.batches.id, id))
      .returning();
    return sealed!;
  });
}

/** Marks an open (or failed) batch sealed with what the sender declared; false if it was not open. */
export async function markSealed(db: Db, id: number, declared: SealDeclaration): Promise<boolean> {
  const rows = await db
    .update(t.batches)
    .set({ status: 'sealed', declaredCount: declared.count, declaredSha256: declared.sha256, contentSha256: declared.contentSha256, sealedAt: new Date(), error: null })
    .where(and(eq(t.batches.id, id), inArray(t.batches.status, ['open', 'failed'])))
    .returning({ id: t.batches.id });
  return rows.length > 0;
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db.update(t.batches).set({ status: 'failed', error }).where(eq(t.batches.id, id));
}

export function batchesToResume(db: Db): Promise<Array<{ id: number }>> {
  return db
    .select({ id: t.batches.id })
    .from(t.batches)
    .where(inArray(t.batches.status, ['sealed', 'processing']))
    .orderBy(asc(t.batches.id));
}

export function pageRejections(db: Db, batchId: number, afterLine: number, limit: number): Promise<RejectionRow[]> {
  return db
    .select()
    .from(t.rejectedRecords)
    .where(and(eq(t.rejectedRecords.batchId, batchId), gt(t.rejectedRecords.lineNo, afterLine)))
    .orderBy(asc(t.rejectedRecords.lineNo))
    .limit(limit);
}

export async function ledgerEntryOf(db: Db, batchId: number) {
  const [row] = await db.select().from(t.ledgerEntries).where(eq(t.ledgerEntries.batchId, batchId));
  return row;
}

/** The data source a platform pushes through (one per platform, made with the reference data). */
export async function pushSourceId(db: Db, platformCode: string): Promise<number> {
  const [row] = await db
    .select({ id: t.dataSources.id })
    .from(t.dataSources)
    .where(eq(t.dataSources.code, pushSourceCode(platformCode)));
  if (!row) throw new Error(`platform ${platformCode} has no push source`);
  return row.id;
}

/** A hub-side feed's data source (created on its first load), by code. */
export async function feedSourceId(db: Db, source: { code: string; name: string; kind: (typeof t.dataSources.$inferInsert)['kind'] }): Promise<number> {
  await db.insert(t.dataSources).values(source).onConflictDoNothing({ target: t.dataSources.code });
  const [row] = await db.select({ id: t.dataSources.id }).from(t.dataSources).where(eq(t.dataSources.code, source.code));
  return row!.id;
}

export async function setBatchNote(db: Db, id: number, note: string | null): Promise<void> {
  await db.update(t.batches).set({ note }).where(eq(t.batches.id, id));
}
