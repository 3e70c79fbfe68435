import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { monthsEndedBy, partitionsOf } from '../../db/partitions';

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

/** Whether a batch's lines may go at the cut-off (the same test as prunableBatches below). */
const prunableAt = (cutoff: Date) => sql`((b.status = 'committed' and b.committed_at < ${cutoff})
        or (b.status = 'failed' and coalesce(b.sealed_at, b.created_at) < ${cutoff}))
      and not exists (select 1 from held_records h where h.batch_id = b.id and h.released_at is null)`;

/** The months of staged lines wholly before the cut-off, oldest first. */
export async function stagedLineMonthsBefore(db: Db, cutoff: Date): Promise<string[]> {
  return monthsEndedBy(await partitionsOf(db.$client, 'batch_lines'), cutoff);
}

/**
 * Drops a month of staged lines whole, if every batch with lines in it may be pruned at the
 * cut-off; returns those batches, or null (nothing done) when any must keep its lines. One
 * transaction: the batches are locked first, so none is reopened for a retry meanwhile, and
 * the failed ones forget their part digests as pruneStagedLines does for each.
 */
export async function dropStagedLineMonth(db: Db, name: string, cutoff: Date): Promise<{ batches: number[]; lines: number } | null> {
  if (!/^batch_lines_\d{4}_\d{2}$/.test(name)) throw new Error(`not a month of staged lines: ${name}`);
  const month = sql.raw(`"${name}"`);
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string; prunable: boolean; failed: boolean }>(sql`
      select b.id, ${prunableAt(cutoff)} as prunable, b.status = 'failed' as failed
        from batches b where b.id in (select distinct batch_id from ${month})
       order by b.id for update of b`);
    if (rows.some((r) => !r.prunable)) return null;
    const failed = rows.filter((r) => r.failed).map((r) => r.id);
    if (failed.length > 0) await tx.execute(sql`delete from batch_parts where batch_id = any(${`{${failed.join(',')}}`}::bigint[])`);
    const counted = await tx.execute<{ n: string }>(sql`select count(*) as n from ${month}`);
    await tx.execute(sql`drop table ${month}`);
    return { batches: rows.map((r) => Number(r.id)), lines: Number(counted.rows[0]!.n) };
  });
}

/** Finished batches older than the cut-off that still have staged lines, oldest first. */
export async function prunableBatches(db: Db, cutoff: Date): Promise<PrunableBatch[]> {
  const { rows } = await db.execute<{ id: string; status: PrunableBatch['status'] }>(sql`
    select b.id, b.status from batches b
    where ${prunableAt(cutoff)}
      and exists (select 1 from batch_lines l where l.batch_id = b.id)
    order by b.id`);
  return rows.map((r) => ({ id: Number(r.id), status: r.status }));
}

/**
 * Deletes up to `limit` staged lines of a batch, re-checking in the same statement that the
 * batch is still finished (a failed batch may be opened again for a retry meanwhile). Each
 * call is its own short transaction: no lock is held between chunks.
 */
export async function deleteLinesChunk(db: Db, batchId: number, limit: number): Promise<number> {
  // By primary key: a ctid names a row only within one partition, and batch_lines has a partition a month.
  const result = await db.execute(sql`
    delete from batch_lines l
     using (select x.batch_id, x.part_no, x.line_no, x.staged_at from batch_lines x join batches b on b.id = x.batch_id
             where x.batch_id = ${batchId} and b.status in ('committed', 'failed')
             limit ${limit}) d
     where l.batch_id = d.batch_id and l.part_no = d.part_no and l.line_no = d.line_no and l.staged_at = d.staged_at`);
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
