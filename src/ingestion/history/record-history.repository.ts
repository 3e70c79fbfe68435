import { and, eq, inArray, isNull, Param, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import * as t from '../../db/schema';
import type { RecordError } from '../../db/schema';
import { readHeads } from '../pipeline/heads.repository';
import type { RecordType } from '../records';
import { lineKey, type BatchStatus, type CandidateLine, type LineFilter, type LinePosition } from './history-lines';

/** The data source of that code: a platform's push source (`push:P152900`) or a hub-side feed (`feed:<job>`). */
export async function sourceByCode(db: Db, code: string): Promise<{ id: number; code: string; platformId: number | null } | undefined> {
  const [row] = await db.select({ id: t.dataSources.id, code: t.dataSources.code, platformId: t.dataSources.platformId }).from(t.dataSources).where(eq(t.dataSources.code, code));
  return row;
}

export interface HistoryBatch {
  id: number;
  status: BatchStatus;
  /** When the hub had the whole batch (sealed), or when it was opened while it is still open. */
  receivedAt: Date;
  /** Its staged lines, as declared at sealing or counted by its parts. */
  lines: number;
}

/**
 * The source's batches that still have staged lines, newest first, from `atMostId` down.
 * The lines are what is left after retention: a pruned batch is not listed.
 */
export async function batchesWithLines(db: Db, sourceId: number, atMostId: number, limit: number): Promise<HistoryBatch[]> {
  // Raw statements give timestamps as text (drizzle's node-postgres driver leaves them to the column mappers).
  const { rows } = await db.execute<{ id: string; status: BatchStatus; received_at: string; lines: number }>(sql`
    select b.id, b.status, coalesce(b.sealed_at, b.created_at) as received_at,
      coalesce(b.declared_count, (select sum(p.lines) from batch_parts p where p.batch_id = b.id), 0)::int as lines
    from batches b
    where b.source_id = ${sourceId} and b.id <= ${atMostId}
      and exists (select 1 from batch_lines l where l.batch_id = b.id)
    order by b.id desc
    limit ${limit}`);
  return rows.map((r) => ({ id: Number(r.id), status: r.status, receivedAt: new Date(r.received_at), lines: r.lines }));
}

// query_canceled: statement_timeout fired (or an operator cancelled the statement).
const isStatementTimeout = (error: unknown): boolean => {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if ((e as { code?: unknown }).code === '57014') return true;
  return false;
};

/**
 * Up to `limit` staged lines of these batches before `before` (newest first) that pass the
 * filter: a scan of their raw text, since staged lines carry no record id column (one would
 * cost every push a parse and an index entry per line). The statement runs under its own
 * `statement_timeout`; 'timeout' when that fired. Each line's number within its batch is its
 * number within its part plus the lines of the parts before it.
 */
export async function candidateLines(db: Db, batchIds: number[], before: LinePosition, filter: LineFilter, limit: number, timeoutMs: number): Promise<CandidateLine[] | 'timeout'> {
  const spellsId = sql.join(
    filter.needles.map((n) => sql`strpos(l.raw, ${n}) > 0`),
    sql` or `,
  );
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${String(Math.max(1, Math.round(timeoutMs)))}, true)`);
      const { rows } = await tx.execute<{ batch_id: string; part_no: number; line_no: number; raw: string; line: string }>(sql`
        select l.batch_id, l.part_no, l.line_no, l.raw,
          l.line_no + coalesce((select sum(p.lines) from batch_parts p where p.batch_id = l.batch_id and p.part_no < l.part_no), 0) as line
        from batch_lines l
        where l.batch_id = any(${new Param(batchIds)}::bigint[])
          and (l.batch_id, l.part_no, l.line_no) < (${before.batchId}, ${before.partNo}, ${before.lineNo})
          and (${spellsId})
          and l.raw ~ ${filter.idPattern} and l.raw ~ ${filter.typePattern}
        order by l.batch_id desc, l.part_no desc, l.line_no desc
        limit ${limit}`);
      return rows.map((r) => ({ batchId: Number(r.batch_id), partNo: r.part_no, partLineNo: r.line_no, line: Number(r.line), raw: r.raw }));
    });
  } catch (error) {
    if (isStatementTimeout(error)) return 'timeout';
    throw error;
  }
}

/** Which of these lines were refused (with their errors) and which are held and not released, by lineKey. */
export async function linesRefusedOrHeld(db: Db, lines: Array<{ batchId: number; line: number }>): Promise<{ rejected: Map<string, RecordError[]>; held: Set<string> }> {
  if (lines.length === 0) return { rejected: new Map(), held: new Set() };
  const batchIds = [...new Set(lines.map((l) => l.batchId))];
  const lineNos = [...new Set(lines.map((l) => l.line))];
  const [rejected, held] = await Promise.all([
    db
      .select({ batchId: t.rejectedRecords.batchId, lineNo: t.rejectedRecords.lineNo, errors: t.rejectedRecords.errors })
      .from(t.rejectedRecords)
      .where(and(inArray(t.rejectedRecords.batchId, batchIds), inArray(t.rejectedRecords.lineNo, lineNos))),
    db
      .select({ batchId: t.heldRecords.batchId, lineNo: t.heldRecords.lineNo })
      .from(t.heldRecords)
      .where(and(inArray(t.heldRecords.batchId, batchIds), inArray(t.heldRecords.lineNo, lineNos), isNull(t.heldRecords.releasedAt))),
  ]);
  return {
    rejected: new Map(rejected.map((r) => [lineKey(r.batchId, r.lineNo), r.errors])),
    held: new Set(held.map((h) => lineKey(h.batchId, h.lineNo))),
  };
}

/**
 * The version the store holds now for the source's record: its head's (the fact row's, or
 * for an entity the source's entity record, since the entity's row is shared by every source).
 */
export async function currentVersion(db: Db, sourceId: number, type: RecordType, id: string): Promise<Date | null> {
  return (await readHeads(db, sourceId, type, [id])).get(id)?.version ?? null;
}

/** The bid opening of the source's projects by their record id (null: none set). */
export async function bidOpenings(db: Db, sourceId: number, projectIds: string[]): Promise<Map<string, Date | null>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .select({ id: t.projects.sourceRecordId, opening: t.projects.bidOpeningAt })
    .from(t.projects)
    .where(and(eq(t.projects.sourceId, sourceId), inArray(t.projects.sourceRecordId, projectIds)));
  return new Map(rows.map((r) => [r.id, r.opening]));
}

/**
 * How far back the source's staged lines reach: the oldest batch that still has them, and
 * the batches retention has emptied (sealed with lines, none left), with the newest of those.
 */
export async function lineCoverage(db: Db, sourceId: number): Promise<{ retainedFrom: Date | null; prunedBatches: number; prunedThrough: Date | null }> {
  const { rows } = await db.execute<{ retained_from: string | null; pruned: number; pruned_through: string | null }>(sql`
    select min(received_at) filter (where kept) as retained_from,
      count(*) filter (where not kept and declared > 0)::int as pruned,
      max(received_at) filter (where not kept and declared > 0) as pruned_through
    from (
      select coalesce(b.sealed_at, b.created_at) as received_at, coalesce(b.declared_count, 0) as declared,
        exists (select 1 from batch_lines l where l.batch_id = b.id) as kept
      from batches b where b.source_id = ${sourceId}
    ) s`);
  const r = rows[0]!;
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return { retainedFrom: date(r.retained_from), prunedBatches: r.pruned, prunedThrough: date(r.pruned_through) };
}
