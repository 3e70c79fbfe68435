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
 * A multi-row INSERT that sends one array parameter per column and lets Postgres unnest
 * them: a thousand rows cost one small statement instead of a statement with tens of
 * thousands of parameters, and none of the per-value query building. Identifiers and types
 * come from the drizzle schema, never from data; every value travels as a bound parameter.
 */
export async function bulkInsert<R = Record<string, unknown>>(tx: Tx, table: PgTable, rows: Array<Record<string, unknown>>, tail: SQL = sql``): Promise<R[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!).filter((k) => k in columns && rows[0]![k] !== undefined);
  const names = keys.map((k) => `"${snake(k)}"`).join(', ');
  const arrays = keys.map((k) => {
    const column = columns[k]!;
    const type = column.getSQLType();
    const values = rows.map((r) => (r[k] === null || r[k] === undefined ? null : column.mapToDriverValue(r[k])));
    // jsonb travels as text and is cast per element: pg would otherwise send a JSON array.
    return { param: new Param(values), arrayType: type === 'jsonb' ? 'text[]' : `${type}[]`, cast: type === 'jsonb' ? '::jsonb' : '' };
  });
  const unnest = sql.join(
    arrays.map((a) => sql`${a.param}::${sql.raw(a.arrayType)}`),
    sql`, `,
  );
  const select = keys.map((_, i) => `u.c${i}${arrays[i]!.cast}`).join(', ');
  const alias = keys.map((_, i) => `c${i}`).join(', ');
  const statement = sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${sql.raw(names)}) select ${sql.raw(select)} from unnest(${unnest}) as u(${sql.raw(alias)}) ${tail}`;
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

/** Merges one chunk of a record type's rows into its fact table in one statement: the row is the record's head. */
export async function mergeFacts(tx: Tx, type: FactType, rows: Array<Record<string, unknown>>): Promise<Array<{ id: number; sourceRecordId: string }>> {
  const stored = await bulkInsert<{ id: number; source_record_id: string }>(tx, TABLE_OF[type], rows, mergeNewer(TABLE_OF[type]));
  return stored.map((r) => ({ id: Number(r.id), sourceRecordId: r.source_record_id }));
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
