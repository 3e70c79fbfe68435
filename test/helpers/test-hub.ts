import 'reflect-metadata';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { openDatabase, type Database } from '../../src/db/database';
import { Registry } from '../../src/registry/registry.service';
import { createApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { createServices, type Services } from '../../src/server/services';

export interface GqlResult {
  status: number;
  data: Record<string, any> | null | undefined;
  errors: Array<{ message: string; extensions?: { code?: string; argument?: string; stacktrace?: unknown } }> | undefined;
  raw: string;
}

export interface TestHub {
  app: FastifyInstance;
  database: Database;
  registry: Registry;
  services: Services;
  /** SQL statements sent since the hub was created. */
  statements(): number;
  gql(query: string, opts?: { key?: string; variables?: Record<string, unknown> }): Promise<GqlResult>;
  close(): Promise<void>;
}

/** The real hub (Fastify, Apollo, services) on the test Postgres, driven through HTTP injection. */
export async function createTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  let statements = 0;
  const database = openDatabase({ url: inject('databaseUrl'), poolMax: 4, onQuery: () => void statements++ });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const registry = await Registry.load(database.db);
  const log = createLogger('silent');
  const services = createServices(database, registry, config, log);
  const app = await createApp({ config, database, services, log });
  await app.ready();
  return {
    app,
    database,
    registry,
    services,
    statements: () => statements,
    async gql(query, opts = {}) {
      const response = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(opts.key ? { authorization: `Bearer ${opts.key}` } : {}) },
        payload: JSON.stringify({ query, variables: opts.variables }),
      });
      const body = JSON.parse(response.body) as { data?: Record<string, any> | null; errors?: GqlResult['errors'] };
      return { status: response.statusCode, data: body.data, errors: body.errors, raw: response.body };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The error codes of a result, in order. */
export const codes = (result: GqlResult) => (result.errors ?? []).map((e) => e.extensions?.code);
