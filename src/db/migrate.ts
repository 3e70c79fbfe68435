import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { withAdvisoryLock, withConnection } from './advisory-lock';

export const MIGRATIONS_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

// Any constant will do; it only has to be the same in every hub process.
const MIGRATION_LOCK = 7_150_000;

/**
 * Applies the committed drizzle-kit migrations. drizzle's migrator takes no lock, and the
 * hub and the CLI may start at the same moment, so the run holds an advisory lock (on a
 * connection of its own: two from the pool) while it migrates.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  await withAdvisoryLock(pool, MIGRATION_LOCK, 'wait', () => withConnection(pool, (client) => migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER })));
}
