import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres';
import { runMigrations } from '../db/migrate';
import { seedReferenceData } from '../registry/registry.repository';

export interface HubDatabase {
  database: Database;
  /** Set when the hub runs its own Postgres (no DATABASE_URL). */
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

/**
 * Connects to the system of record, migrates it and loads the reference data: the same
 * steps for the server and for the CLI, so either can be the first to touch a database.
 */
export async function openHubDatabase(config: Config, log: Logger): Promise<HubDatabase> {
  const embedded = config.databaseUrl
    ? null
    : await startEmbeddedPostgres({ ...config.embeddedPostgres, database: 'hub', log });
  const database = openDatabase({ url: config.databaseUrl ?? embedded!.url, poolMax: config.poolMax });
  try {
    await runMigrations(database.pool);
    await seedReferenceData(database.db);
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }
  return {
    database,
    embedded,
    close: async () => {
      await database.close();
      await embedded?.stop();
    },
  };
}
