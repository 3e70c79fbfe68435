import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import * as t from '../../db/schema';

const BACKFILL_LOCK = 7_150_003;

/**
 * The tables the pipeline writes as it stores records, as a query for their oids: every
 * fact table (those the ledger's stamp trigger guards), committee members, the entity
 * register and its records. Also what the ingest benchmark drops indexes of. A partitioned
 * table (bids) counts once: its months carry clones of its trigger (tgparentid set), and their
 * keys and indexes are the table's own.
 */
export const PIPELINE_TABLES_QUERY = `(select tgrelid from pg_trigger where tgname like '%\\_stamp' and tgparentid = 0)
  union (select 'committee_members'::regclass) union (select 'entities'::regclass) union (select 'entity_records'::regclass)`;
const PIPELINE_TABLES = sql.raw(PIPELINE_TABLES_QUERY);

/**
 * Sets the pipeline tables' foreign keys aside, keeping each definition, in one transaction
 * under a lock. Returns how many; 0 when they are set aside already.
 */
export async function deferForeignKeys(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BACKFILL_LOCK})`);
    const { rows } = await tx.execute<{ table_name: string; constraint_name: string; definition: string }>(sql`
      select conrelid::regclass::text as table_name, conname as constraint_name, pg_get_constraintdef(oid) as definition
      from pg_constraint where contype = 'f' and conrelid in (${PIPELINE_TABLES}) order by 1, 2`);
    if (rows.length === 0) return 0;
    await tx.insert(t.deferredForeignKeys).values(rows.map((r) => ({ tableName: r.table_name, constraintName: r.constraint_name, definition: r.definition })));
    for (const r of rows) await tx.execute(sql`alter table ${sql.identifier(r.table_name)} drop constraint ${sql.identifier(r.constraint_name)}`);
    return rows.length;
  });
}

export interface DeferredForeignKey {
  tableName: string;
  constraintName: string;
  definition: string;
  deferredAt: Date;
}

export const deferredForeignKeys = (db: Db): Promise<DeferredForeignKey[]> => db.select().from(t.deferredForeignKeys).orderBy(t.deferredForeignKeys.tableName);

/**
 * Makes one foreign key again: added NOT VALID (checked for new rows at once, without a
 * long lock), then validated over the rows written meanwhile, which takes a lock that lets
 * reads and writes go on. Only once valid is its definition forgotten. A row that breaks it
 * fails the validation with Postgres's own detail (the key and the table it is missing from).
 * On the partitioned bids the key is added and checked in one step, and one a row breaks
 * stays set aside until the row is fixed: Postgres keeps no NOT VALID key on such a table.
 */
export async function restoreForeignKey(db: Db, fk: DeferredForeignKey): Promise<void> {
  const table = sql.identifier(fk.tableName);
  const name = sql.identifier(fk.constraintName);
  const [{ exists, partitioned }] = (
    await db.execute<{ exists: boolean; partitioned: boolean }>(sql`
      select exists (select 1 from pg_constraint where conrelid = c.oid and conname = ${fk.constraintName}) as exists, c.relkind = 'p' as partitioned
      from pg_class c where c.oid = ${fk.tableName}::regclass`)
  ).rows as [{ exists: boolean; partitioned: boolean }];
  // Postgres takes no NOT VALID foreign key on a partitioned table (bids): there it is added
  // and checked in one step, under the same lock.
  if (!exists) await db.execute(sql`alter table ${table} add constraint ${name} ${sql.raw(fk.definition)} ${sql.raw(partitioned ? '' : 'not valid')}`);
  if (!partitioned) await db.execute(sql`alter table ${table} validate constraint ${name}`);
  await db.delete(t.deferredForeignKeys).where(sql`${t.deferredForeignKeys.tableName} = ${fk.tableName} and ${t.deferredForeignKeys.constraintName} = ${fk.constraintName}`);
}
