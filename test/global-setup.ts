import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded-postgres';
import { prepareDatabase } from '../src/server/runtime';
import { createLogger } from '../src/server/logger';
import { adversarialSummary, resetAdversarialFigures } from './helpers/adversarial-summary';
import { unusedPort } from './helpers/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    /** Streaming replicas of databaseUrl's server (DATABASE_REPLICA_URLS); empty with the embedded server. */
    databaseReplicaUrls: string[];
    embeddedPgDir: string | null;
    /** pgbouncer in transaction mode in front of databaseUrl's server (CI: PGBOUNCER_TEST_URL), else null. */
    pgbouncerUrl: string | null;
  }
}

/**
 * Data folder of the tests' own embedded Postgres; never the one `npm start` uses. It sits
 * under the system temp folder because, as root, Postgres runs as its own user, which may
 * not be able to reach a checkout inside a private folder. One folder per checkout.
 */
export const TEST_PG_DIR = path.join(tmpdir(), `prt-hub-test-pg-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}`);

let embedded: EmbeddedPostgres | null = null;

/**
 * One real Postgres for the whole run, migrated once: DATABASE_URL when set (it must name
 * a database whose name says "test", because the tests write to it), otherwise an
 * embedded server of the tests' own.
 */
export async function setup(project: TestProject): Promise<void> {
  resetAdversarialFigures();
  const config = loadConfig();
  const log = createLogger('warn', 'stderr');
  let url: string;
  if (config.databaseUrl) {
    const name = new URL(config.databaseUrl).pathname.slice(1);
    if (!/test/i.test(name)) {
      throw new Error(`Refusing to run the tests against database '${name}': its name must contain "test".`);
    }
    url = config.databaseUrl;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: TEST_PG_DIR, port: await unusedPort(), database: 'hub_test', log });
    url = embedded.url;
  }
  const database = openDatabase({ url, poolMax: 2 });
  try {
    // The test database outlives a run: this month's partitions may be newer than its migration.
    await prepareDatabase(database, config);
  } finally {
    await database.close();
  }
  project.provide('databaseUrl', url);
  project.provide('databaseReplicaUrls', config.replicas.urls);
  project.provide('pgbouncerUrl', process.env.PGBOUNCER_TEST_URL || null);
  project.provide('embeddedPgDir', embedded ? TEST_PG_DIR : null);
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  const summary = adversarialSummary();
  if (summary) process.stdout.write(`\n${summary}\n`);
}
