import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';

/**
 * The SQL of staged-line retention. A batch's lines may go once it is finished: committed
 * (terminal: a committed batch never goes back to processing), or failed. Never while a
 * record of it is still held: held records keep their own copy, but an operator chasing
 * one should still find the line it came from.
 */
export interface PrunableBatch {
  id: number;
  status: 'committed' | 'failed';
}

/** Finished batches older than the cut-off that still have staged lines, oldest first. */
export async function prunableBatches(db: Db, cutoff: Date): Promise<PrunableBatch[]> {
  const { rows } = await db.execute<{ id: string; status: PrunableBatch['status'] }>(sql`
    select b.id, b.status from batches b
    where ((b.status = 'committed' and b.committed_at < ${cutoff})
        or (b.status = 'failed' and coalesce(b.sealed_at, b.created_at) < ${cutoff}))
      and exists (select 1 from batch_lines l where l.batch_id = b.id)
      and not exists (select 1 from held_records h where h.batch_id = b.id and h.released_at is null)
    order by b.id`);
  return rows.map((r) => ({ id: Number(r.id), status: r.status }));
}

/**
 * Deletes up to `limit` staged lines of a batch, re-checking in the same statement that the
 * batch is still finished (a failed batch may be opened again for a retry meanwhile). Each
 * call is its own short transaction: no lock is held between chunks.
 */
export async function deleteLinesChunk(db: Db, batchId: number, limit: number): Promise<number> {
  const result = await db.execute(sql`
    delete from batch_lines where ctid in (
      select l.ctid from batch_lines l join batches b on b.id = l.batch_id
      where l.batch_id = ${batchId} and b.status in ('committed', 'failed')
      limit ${limit})`);
  return result.rowCount ?? 0;
}

/**
 * A failed batch stored nothing and has no ledger entry, so its part digests answer nothing
 * any more once its lines are gone; they go first, under the batch's row lock, so that
 * sealing it again for a retry needs its parts uploaded again (instead of finding the old
 * digests and processing no lines). False if the batch is no longer failed.
 */
export async function forgetFailedParts(db: Db, batchId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ status: string }>(sql`select status from batches where id = ${batchId} for update`);
    if (locked.rows[0]?.status !== 'failed') return false;
    await tx.execute(sql`delete from batch_parts where batch_id = ${batchId}`);
    return true;
  });
}
