import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openDatabase } from '../../src/db/database';
import { runMigrations } from '../../src/db/migrate';
import { seedReferenceData } from '../../src/registry/registry.repository';

/**
 * Tables that are not the run's final data: the push machinery's own bookkeeping, and
 * credit_changes and bid_keys, which triggers on penalties, blacklist entries and bids fill
 * (in the ceiling too, as they copy in). Whatever else the run left rows in is a fact table.
 */
const NOT_FACTS = new Set([
  'batches',
  'batch_lines',
  'batch_parts',
  'ledger_entries',
  'entity_records',
  'held_records',
  'rejected_records',
  'api_keys',
  'etl_runs',
  'credit_changes',
  'bid_keys',
  'credit_lookups',
  'dashboard_sessions',
  '__drizzle_migrations',
]);

export interface Ceiling {
  tables: Array<{ table: string; rows: number }>;
  rows: number;
  seconds: number;
}

async function rowCounts(pool: pg.Pool): Promise<Map<string, number>> {
  // A partitioned table (bids) counts once, by its own name, not by its months.
  const { rows } = await pool.query<{ table_name: string }>(
    `select relname as table_name from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relispartition`,
  );
  const counts = new Map<string, number>();
  for (const { table_name } of rows) counts.set(table_name, Number((await pool.query<{ n: string }>(`select count(*) as n from "${table_name}"`)).rows[0]!.n));
  return counts;
}

/** Tables in an order where every table comes after those its foreign keys point to. */
async function parentsFirst(pool: pg.Pool, tables: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ child: string; parent: string }>(
    `select conrelid::regclass::text as child, confrelid::regclass::text as parent from pg_constraint where contype = 'f' and conrelid <> confrelid`,
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const r of rows) if (r.child === table && tables.includes(r.parent)) visit(r.parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function copyTable(source: pg.Pool, target: pg.Pool, table: string): Promise<number> {
  const cols = (
    await source.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
      [table],
    )
  ).rows
    .map((r) => `"${r.column_name}"`)
    .join(', ');
  const reader = await source.connect();
  const writer = await target.connect();
  try {
    const into = writer.query(copyFrom(`copy "${table}" (${cols}) from stdin`));
    // A query, not the table: Postgres copies no partitioned table (bids) out by its name.
    await pipeline(reader.query(copyTo(`copy (select ${cols} from "${table}") to stdout`)), into);
    return into.rowCount ?? 0;
  } finally {
    reader.release();
    writer.release();
  }
}

/**
 * The COPY ceiling: a second database on the same server, migrated and seeded the same
 * way as the hub's, receives the run's final fact rows by COPY, table by table with every
 * index, foreign key and trigger in place. The batches they name are copied first, untimed.
 */
export async function copyCeiling(sourceUrl: string, source: pg.Pool): Promise<Ceiling> {
  await source.query('drop database if exists ceiling');
  await source.query('create database ceiling');
  const target = openDatabase({ url: sourceUrl.replace(/\/[^/?]+(\?|$)/, '/ceiling$1'), poolMax: 2 });
  try {
    await runMigrations(target.pool);
    await seedReferenceData(target.db);
    const seeded = await rowCounts(target.pool);
    const written = await rowCounts(source);
    const facts = [...written].filter(([table, n]) => n > 0 && !NOT_FACTS.has(table) && seeded.get(table) === 0).map(([table]) => table);
    await copyTable(source, target.pool, 'batches');
    const started = process.hrtime.bigint();
    const tables: Ceiling['tables'] = [];
    for (const table of await parentsFirst(source, facts)) tables.push({ table, rows: await copyTable(source, target.pool, table) });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { tables, rows: tables.reduce((n, t) => n + t.rows, 0), seconds };
  } finally {
    await target.close();
  }
}
