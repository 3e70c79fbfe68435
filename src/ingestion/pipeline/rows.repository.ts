import { getTableColumns, getTableName, inArray, Param, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import * as t from '../../db/schema';
import type { Tx } from '../../db/tx';
import type { RecordType } from '../records';
import type { FactType } from '../steps/shapes';

/** The fact table behind each record type, entities included (the ledger checks them all). */
export const TABLE_OF: Record<RecordType, PgTable> = {
  entity: t.entities,
  expert: t.experts,
  project: t.projects,
  lot: t.lots,
  notice: t.notices,
  bid: t.bids,
  bid_opening: t.bidOpenings,
  evaluation: t.evaluationCommittees,
  award: t.awards,
  contract: t.contracts,
  contract_performance: t.contractPerformances,
  complaint: t.complaints,
  witness_record: t.witnessRecords,
  suspension: t.suspensions,
  credit_record: t.creditRecords,
  penalty: t.penalties,
  blacklist_entry: t.blacklistEntries,
  spot_check: t.spotChecks,
  conduct_record: t.conductRecords,
};

/** The Postgres name of a record type's fact table, for SQL the schema objects cannot express. */
export const factTableName = (type: FactType): string => getTableName(TABLE_OF[type]);

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Rows as one array parameter per column, unnested by Postgres into `u(c0, c1, …)`: a thousand
 * rows cost one small statement instead of a statement with tens of thousands of parameters,
 * and none of the per-value query building. Identifiers and types come from the drizzle
 * schema, never from data; every value travels as a bound parameter. `columns` are the
 * snake_case column names in the order of c0, c1, …; `values` selects them, typed.
 */
function unnested(table: PgTable, rows: Array<Record<string, unknown>>): { keys: string[]; columns: string[]; values: string[]; from: SQL } {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((k) => k in columns && rows[0]![k] !== undefined);
  const arrays = keys.map((k) => {
    const column = columns[k]!;
    // A serial column's values are of its integer type (bids' claimed ids).
    const type = column
      .getSQLType()
      .replace(/^bigserial$/, 'bigint')
      .replace(/^serial$/, 'integer');
    const values = rows.map((r) => (r[k] === null || r[k] === undefined ? null : column.mapToDriverValue(r[k])));
    // jsonb travels as text and is cast per element: pg would otherwise send a JSON array.
    return { param: new Param(values), arrayType: type === 'jsonb' ? 'text[]' : `${type}[]`, cast: type === 'jsonb' ? '::jsonb' : '' };
  });
  const unnest = sql.join(
    arrays.map((a) => sql`${a.param}::${sql.raw(a.arrayType)}`),
    sql`, `,
  );
  const alias = keys.map((_, i) => `c${i}`).join(', ');
  return {
    keys,
    columns: keys.map(snake),
    values: keys.map((_, i) => `u.c${i}${arrays[i]!.cast}`),
    from: sql`unnest(${unnest}) as u(${sql.raw(alias)})`,
  };
}

/** A multi-row INSERT of unnested rows (see unnested); `tail` may add a conflict clause and returning. */
export async function bulkInsert<R = Record<string, unknown>>(tx: Tx, table: PgTable, rows: Array<Record<string, unknown>>, tail: SQL = sql``): Promise<R[]> {
  if (rows.length === 0) return [];
  const u = unnested(table, rows);
  const names = u.columns.map((c) => `"${c}"`).join(', ');
  const statement = sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${sql.raw(names)}) select ${sql.raw(u.values.join(', '))} from ${u.from} ${tail}`;
  const result = await tx.execute(statement);
  return result.rows as R[];
}

/**
 * `on conflict (source_id, source_record_id) do update set <every column> where` the
 * incoming version is not older than the stored one, returning the row's id. The row's
 * ledger stamp (stored_hash) is set by the table's trigger as the row is written.
 */
function mergeNewer(table: PgTable): SQL {
  const name = getTableName(table);
  const set = Object.keys(getTableColumns(table))
    .filter((k) => k !== 'id' && k !== 'storedHash')
    .map((k) => `"${snake(k)}" = excluded."${snake(k)}"`)
    .join(', ');
  return sql.raw(`on conflict (source_id, source_record_id) do update set ${set}
    where "${name}".source_version <= excluded.source_version
    returning id, source_record_id`);
}

/** Merges one chunk of a record type's rows into its fact table in one statement (bids: three): the row is the record's head. */
export async function mergeFacts(tx: Tx, type: FactType, rows: Array<Record<string, unknown>>): Promise<Array<{ id: number; sourceRecordId: string }>> {
  if (type === 'bid') return mergeBids(tx, rows);
  const stored = await bulkInsert<{ id: number; source_record_id: string }>(tx, TABLE_OF[type], rows, mergeNewer(TABLE_OF[type]));
  return stored.map((r) => ({ id: Number(r.id), sourceRecordId: r.source_record_id }));
}

/**
 * mergeNewer for bids, which being partitioned by month have no unique key on the source
 * record for `on conflict` to use (migrations/0018). Three statements for a chunk:
 * 1. claim each record's key in bid_keys, a new record taking a new id; claiming locks the key,
 *    so two batches writing one record take turns as they did on the unique key, and claims
 *    are made in key order, so two batches sharing several records wait rather than deadlock;
 * 2. update the rows that exist, where the incoming version is not older (a changed
 *    submission time moves the row to its month);
 * 3. insert the rows that do not exist, by the ids claimed.
 * Returns the rows written, as mergeNewer does: a row holding a newer version is left alone.
 */
async function mergeBids(tx: Tx, rows: Array<Record<string, unknown>>): Promise<Array<{ id: number; sourceRecordId: string }>> {
  if (rows.length === 0) return [];
  const keyOf = (sourceId: unknown, recordId: unknown) => `${String(sourceId)}\u0000${String(recordId)}`;
  const claimed = await tx.execute<{ bid_id: string; source_id: number; source_record_id: string }>(sql`
    insert into ${t.bidKeys} (source_id, source_record_id, bid_id)
    select k.source_id, k.source_record_id, nextval(pg_get_serial_sequence('bids', 'id'))
      from unnest(${new Param(rows.map((r) => r.sourceId))}::integer[], ${new Param(rows.map((r) => r.sourceRecordId))}::text[]) as k(source_id, source_record_id)
     order by k.source_id, k.source_record_id
    on conflict (source_id, source_record_id) do update set bid_id = bid_keys.bid_id
    returning bid_id, source_id, source_record_id`);
  const ids = new Map(claimed.rows.map((k) => [keyOf(k.source_id, k.source_record_id), Number(k.bid_id)]));
  const withIds = rows.map((r) => ({ ...r, id: ids.get(keyOf(r.sourceId, r.sourceRecordId))! }));
  const u = unnested(t.bids, withIds);
  const col = (name: string) => u.values[u.columns.indexOf(name)]!;
  // Every column but the id and the stamp takes the incoming value, or its default when the
  // record does not carry it: as `excluded` does in mergeNewer.
  const set = Object.keys(getTableColumns(t.bids))
    .map(snake)
    .filter((name) => name !== 'id' && name !== 'stored_hash')
    .map((name) => `"${name}" = ${u.columns.includes(name) ? col(name) : 'default'}`)
    .join(', ');
  const updated = await tx.execute<{ id: string; source_record_id: string }>(sql`
    update ${t.bids} b set ${sql.raw(set)} from ${u.from}
    where b.id = ${sql.raw(col('id'))} and b.source_version <= ${sql.raw(col('source_version'))}
    returning b.id, b.source_record_id`);
  const inserted = await bulkInsert<{ id: string; source_record_id: string }>(
    tx,
    t.bids,
    withIds,
    sql.raw(`where not exists (select 1 from bids b where b.id = ${col('id')}) returning id, source_record_id`),
  );
  return [...updated.rows, ...inserted].map((r) => ({ id: Number(r.id), sourceRecordId: r.source_record_id }));
}

/** A committee's members are replaced as a whole with each new version of the evaluation. */
export async function replaceCommitteeMembers(tx: Tx, committeeIds: number[], members: Array<Record<string, unknown>>): Promise<void> {
  if (committeeIds.length === 0) return;
  await tx.delete(t.committeeMembers).where(inArray(t.committeeMembers.committeeId, committeeIds));
  for (let n = 0; n < members.length; n += 5000) await bulkInsert(tx, t.committeeMembers, members.slice(n, n + 5000), sql`on conflict do nothing`);
}

/** The row ids of expert codes that are defined. */
export async function expertIds(tx: Tx, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await tx.execute<{ id: number; code: string }>(sql`select id, expert_code as code from ${t.experts} where expert_code = any(${new Param(codes)}::text[])`);
  return new Map(rows.rows.map((r) => [r.code, Number(r.id)]));
}
