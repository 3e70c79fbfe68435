import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MIGRATIONS_FOLDER } from '../db/migrate';
import type { AnalyticsStore } from './store';

export const CLICKHOUSE_MIGRATIONS_FOLDER = path.join(MIGRATIONS_FOLDER, 'clickhouse');

/**
 * Applies `migrations/clickhouse/NNNN_name.sql` in order, each once, and records it in
 * `hub_migrations`, as drizzle does for Postgres. Statements are separated by a `;` at the
 * end of a line. Every statement is written to be safe to run again (IF NOT EXISTS), so a
 * crash between a statement and its record does no harm.
 */
export async function runAnalyticsMigrations(store: AnalyticsStore): Promise<string[]> {
  await store.command(`CREATE TABLE IF NOT EXISTS hub_migrations (name String, applied_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY name`);
  const done = new Set((await store.select('SELECT name FROM hub_migrations', {}, z.object({ name: z.string() }))).map((r) => r.name));
  const files = (await readdir(CLICKHOUSE_MIGRATIONS_FOLDER)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const text = await readFile(path.join(CLICKHOUSE_MIGRATIONS_FOLDER, file), 'utf8');
    for (const statement of splitStatements(text)) await store.command(statement);
    await store.client.insert({ table: 'hub_migrations', values: [{ name: file, applied_at: Date.now() }], format: 'JSONEachRow' });
    applied.push(file);
  }
  return applied;
}

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
