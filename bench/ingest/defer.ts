import type pg from 'pg';

/** Tables the pipeline's merges write: the fact tables, their committee members and the entity register. */
const WRITTEN = `(select tgrelid from pg_trigger where tgname like '%_stamp') union (select 'committee_members'::regclass) union (select 'entities'::regclass)`;

/**
 * Drops the written tables' secondary indexes (neither primary key nor unique: those the
 * merges need) or their foreign keys, and returns the statements that make them again.
 */
export async function dropDeferred(pool: pg.Pool, what: 'indexes' | 'foreign-keys'): Promise<string[]> {
  if (what === 'indexes') {
    const { rows } = await pool.query<{ name: string; def: string }>(`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
      where i.indrelid in (${WRITTEN}) and not i.indisprimary and not i.indisunique`);
    for (const r of rows) await pool.query(`drop index ${r.name}`);
    return rows.map((r) => r.def);
  }
  const { rows } = await pool.query<{ tbl: string; name: string; def: string }>(`
    select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where contype = 'f' and conrelid in (${WRITTEN})`);
  for (const r of rows) await pool.query(`alter table ${r.tbl} drop constraint "${r.name}"`);
  return rows.map((r) => `alter table ${r.tbl} add constraint "${r.name}" ${r.def}`);
}
