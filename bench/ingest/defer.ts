import type pg from 'pg';
import { PIPELINE_TABLES_QUERY } from '../../src/ingestion/backfill/backfill.repository';

/**
 * Drops the pipeline tables' secondary indexes (neither primary key nor unique: the merges
 * need those) and returns the statements that make them again: the measurement behind
 * keeping them during a backfill (docs/operations.md).
 */
export async function dropSecondaryIndexes(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string; def: string }>(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
    where i.indrelid in (${PIPELINE_TABLES_QUERY}) and not i.indisprimary and not i.indisunique`);
  for (const r of rows) await pool.query(`drop index ${r.name}`);
  return rows.map((r) => r.def);
}
