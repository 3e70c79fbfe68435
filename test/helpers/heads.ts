import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database';
import { factTableName, TABLE_OF } from '../../src/ingestion/pipeline/rows.repository';
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
      : sql`select ${`${type}/`} || source_record_id as k from ${sql.identifier(factTableName(type))} where batch_id = ${batchId} and ${source}`,
  );
  const rows = await db.execute<{ k: string }>(sql.join(parts, sql` union all `));
  return rows.rows.map((r) => r.k);
}
