import { getTableColumns, getTableName, Param, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './stores';

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A multi-row INSERT that sends one array parameter per column and lets Postgres unnest
 * them: a thousand rows cost one small statement instead of a statement with tens of
 * thousands of parameters, and none of the per-value query building. Identifiers and types
 * come from the drizzle schema, never from data; every value travels as a bound parameter.
 */
export async function bulkInsert<R = Record<string, unknown>>(
  tx: Tx,
  table: PgTable,
  rows: Array<Record<string, unknown>>,
  tail: SQL = sql``,
): Promise<R[]> {
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
  const unnest = sql.join(arrays.map((a) => sql`${a.param}::${sql.raw(a.arrayType)}`), sql`, `);
  const select = keys.map((_, i) => `u.c${i}${arrays[i]!.cast}`).join(', ');
  const alias = keys.map((_, i) => `c${i}`).join(', ');
  const statement = sql`insert into ${sql.raw(`"${getTableName(table)}"`)} (${sql.raw(names)}) select ${sql.raw(select)} from unnest(${unnest}) as u(${sql.raw(alias)}) ${tail}`;
  const result = await tx.execute(statement);
  return result.rows as R[];
}

/**
 * `on conflict (source_id, source_record_id) do update set <every column>`, returning the
 * id and the SHA-256 of the row as stored (its text form): the ledger's evidence of it,
 * taken in the same statement that writes it.
 */
export function replaceOnConflict(table: PgTable): SQL {
  const name = getTableName(table);
  const set = Object.keys(getTableColumns(table))
    .filter((k) => k !== 'id')
    .map((k) => `"${snake(k)}" = excluded."${snake(k)}"`)
    .join(', ');
  return sql.raw(`on conflict (source_id, source_record_id) do update set ${set}
    returning id, source_record_id, encode(sha256(convert_to("${name}"::text, 'UTF8')), 'hex') as stored_hash`);
}
