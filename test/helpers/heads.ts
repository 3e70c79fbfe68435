import { getTableName, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database';
import { TABLE_OF } from '../../src/ingestion/pipeline/rows.repository';
import type { RecordType } from '../../src/ingestion/records';

/**
 * The records whose head names a batch, as `type/id`: fact rows (a fact row is its record's
 * head) and entity records. What a test asks when it wants to know what a batch stored.
 */
export async function recordsStoredBy(db: Db, batchId: number, sourceId?: number): Promise<string[]> {
  const source = sourceId === undefined ? sql`true` : sql`source_id = ${sourceId}`;
  const parts = (Object.keys(TABLE_OF) as RecordType[]).map((type) =>
    type === 'entity'
      ? sql`select 'entity/' || record_id as k from entity_records where batch_id = ${batchId} and ${source}`
      : sql`select ${`${type}/`} || source_record_id as k from ${sql.identifier(getTableName(TABLE_OF[type]))} where batch_id = ${batchId} and ${source}`,
  );
  const rows = await db.execute<{ k: string }>(sql.join(parts, sql` union all `));
  return rows.rows.map((r) => r.k);
}

/** The records a source sent under this id, as received: the history its staged lines keep, oldest batch first. */
export async function linesOfRecord(db: Db, recordId: string): Promise<Array<Record<string, unknown>>> {
  const rows = await db.execute<{ raw: string }>(sql`select raw from batch_lines where raw like ${`%${JSON.stringify(recordId)}%`} order by batch_id, part_no, line_no`);
  return rows.rows.map((r) => JSON.parse(r.raw) as Record<string, unknown>).filter((r) => r.id === recordId);
}
