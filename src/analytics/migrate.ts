import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MIGRATIONS_FOLDER } from '../db/migrate';
import { clusterStatements } from './cluster';
import type { AnalyticsStore } from './store';

export const CLICKHOUSE_MIGRATIONS_FOLDER = path.join(MIGRATIONS_FOLDER, 'clickhouse');

/**
 * Applies `migrations/clickhouse/NNNN_name.sql` in order, each once, and records it in
 * `hub_migrations`, as drizzle does for Postgres. Statements are separated by a `;` at the
 * end of a line. Every statement is written to be safe to run again (IF NOT EXISTS), so a
 * crash between a statement and its record does no harm.
 */
export async function runAnalyticsMigrations(store: AnalyticsStore): Promise<string[]> {
  // On a cluster the record is a Distributed table too: every hub process, whichever node its
  // connection lands on, sees what another already applied.
  for (const statement of placed(`CREATE TABLE IF NOT EXISTS hub_migrations (name String, applied_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY name`, store))
    await store.command(statement);
  const done = new Set((await store.select('SELECT name FROM hub_migrations', {}, z.object({ name: z.string() }))).map((r) => r.name));
  const files = (await readdir(CLICKHOUSE_MIGRATIONS_FOLDER)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const text = await readFile(path.join(CLICKHOUSE_MIGRATIONS_FOLDER, file), 'utf8');
    for (const statement of splitStatements(text).flatMap((s) => placed(s, store))) await store.command(statement);
    await store.insert('hub_migrations', { objects: [{ name: file, applied_at: Date.now() }] }, `hub_migrations:${file}`);
    applied.push(file);
  }
  return applied;
}

/** A migration's statement as the store runs it: itself on one node, its cluster statements on a cluster. */
const placed = (statement: string, store: AnalyticsStore): string[] => (store.cluster ? clusterStatements(statement, store.cluster) : [statement]);

/** The statements of a migration file, without comment-only lines. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !/^\s*--/.test(line))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
