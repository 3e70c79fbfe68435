import type pg from 'pg';

/** The tables the pipeline writes: the fact tables (those with the ledger's stamp trigger), committee members and the entity register. */
const WRITTEN = `(select tgrelid from pg_trigger where tgname like '%\\_stamp') union (select 'committee_members'::regclass) union (select 'entities'::regclass)
  union (select 'entity_records'::regclass)`;

/**
 * Drops the pipeline tables' secondary indexes (neither primary key nor unique: the merges
 * need those) and returns the statements that make them again: the measurement behind
 * keeping them during a backfill (docs/operations.md).
 */
export async function dropSecondaryIndexes(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ name: string; def: string }>(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
    where i.indrelid in (${WRITTEN}) and not i.indisprimary and not i.indisunique`);
  for (const r of rows) await pool.query(`drop index ${r.name}`);
  return rows.map((r) => r.def);
}
