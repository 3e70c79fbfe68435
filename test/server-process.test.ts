import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { freePort, postgresRunning, runTs, startServer } from './helpers/processes';

const post = async (port: number, key: string, query: string) => {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ extensions: { code: string } }> };
};

describe('npm start', () => {
  it('on the embedded default: starts its own Postgres, loads demo data, prints an admin key, stops cleanly on SIGTERM', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'hub-embedded-'));
    await chmod(parent, 0o755); // Postgres runs as its own user and must reach the folder
    const dataDir = path.join(parent, 'pg');
    const port = freePort();
    const server = startServer({ DATABASE_URL: undefined, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(freePort()), PORT: String(port), DEMO_PROJECTS: '150' });
    try {
      const output = await server.waitFor(/hub is serving GraphQL/, 120_000);
      expect(output).toContain('loading a demo dataset');
      const key = /Admin API key[^\n]*\n\s*\n\s*(prt_\S+)/.exec(output)?.[1];
      expect(key).toBeDefined();
      const r = await post(port, key!, '{ projects(first: 1) { totalCount nodes { title region { name } } } }');
      expect(r.data.projects.totalCount).toBe(150);
      expect(await server.stop('SIGTERM')).toBe(0);
      expect(server.output()).toMatch(/"msg":"stopped"/);
      expect(postgresRunning(dataDir)).toBe(false);

      // A second start finds the data and loads nothing more.
      const again = startServer({ DATABASE_URL: undefined, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(freePort()), PORT: String(port) });
      await again.waitFor(/hub is serving GraphQL/);
      expect(again.output()).not.toContain('loading a demo dataset');
      expect((await post(port, key!, '{ projects(first: 1) { totalCount } }')).data.projects.totalCount).toBe(150);
      expect(await again.stop('SIGTERM')).toBe(0);
    } finally {
      await server.stop('SIGKILL');
      await rm(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 240_000);

  it('with DATABASE_URL: starts nothing, loads no demo data, answers health checks', async () => {
    const port = freePort();
    const server = startServer({ DATABASE_URL: inject('databaseUrl'), PORT: String(port) });
    try {
      const output = await server.waitFor(/hub is serving GraphQL/);
      expect(output).not.toMatch(/demo|embedded Postgres"/);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ready' });
      expect(await server.stop('SIGTERM')).toBe(0);
    } finally {
      await server.stop('SIGKILL');
    }
  }, 120_000);

  it('refuses a bad configuration with one message naming every bad key', async () => {
    const run = await runTs('src/main.ts', [], { PORT: 'eighty', DATABASE_URL: 'mysql://nope', GRAPHQL_MAX_DEPTH: '1' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Invalid configuration');
    for (const key of ['PORT', 'DATABASE_URL', 'GRAPHQL_MAX_DEPTH']) expect(run.stderr).toContain(key);
  });

  it('says clearly when its database cannot be reached', async () => {
    const run = await runTs('src/main.ts', [], { DATABASE_URL: 'postgres://nobody:wrong@127.0.0.1:1/none', PORT: String(freePort()) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/could not start: .*(ECONNREFUSED|connect)/);
  });
});
