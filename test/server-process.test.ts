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

const SUMMARY = '\n  The hub is ready.\n';

/** A hub's stdout cut where the summary it prints at the end of start-up begins: the log lines before it, and the summary. */
function atSummary(stdout: string): { logLines: string[]; summary: string } {
  const at = stdout.indexOf(SUMMARY);
  expect(at, `no summary in:\n${stdout}`).toBeGreaterThan(-1);
  return { logLines: stdout.slice(0, at).split('\n').filter(Boolean), summary: stdout.slice(at) };
}

const isJson = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('on the embedded default: starts its own Postgres, loads demo data, ends its start-up with the addresses and an admin key, stops cleanly on SIGTERM', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'hub-embedded-'));
    await chmod(parent, 0o755); // Postgres runs as its own user and must reach the folder
    const dataDir = path.join(parent, 'pg');
    const port = freePort();
    const server = startServer({
      DATABASE_URL: undefined,
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(freePort()),
      PORT: String(port),
      DEMO_PROJECTS: '150',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
    });
    try {
      await server.waitFor(/The hub is ready\.[\s\S]*Try: curl[^\n]*\n[^\n]*\n\n/, 180_000);
      const { logLines, summary } = atSummary(server.stdout());
      // Every line of the start-up is in the log before the summary, as JSON: the demo's push
      // (its requests no longer logged at info), the analytics sync and early warning after it.
      expect(logLines.filter((line) => !isJson(line))).toEqual([]);
      const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toContain('demo dataset ready');
      expect(messages).toContain('analytics sync: batches copied to the analytics store');
      expect(messages).not.toContain('incoming request');
      expect(messages).toContain('hub is serving GraphQL');
      expect(summary).toContain(`GraphQL      http://127.0.0.1:${port}/graphql\n`);
      expect(summary).toContain(`Dashboards   http://127.0.0.1:${port}/dashboards/\n`);
      const key = /Admin API key[^\n]*\n\s*\n\s*(prt_\S+)/.exec(summary)?.[1];
      expect(key).toBeDefined();
      expect(summary).toContain(`-H 'authorization: Bearer ${key}'`);
      const r = await post(port, key!, '{ projects(first: 1) { totalCount nodes { title region { name } } } }');
      expect(r.data.projects.totalCount).toBe(150);
      // Still the last lines: nothing of the start-up came after it, nor did the query.
      expect(server.stdout().endsWith(summary)).toBe(true);
      expect(await server.stop('SIGTERM')).toBe(0);
      expect(server.output()).toMatch(/"msg":"stopped"/);
      expect(postgresRunning(dataDir)).toBe(false);

      // A second start finds the data and loads nothing more; its log is for a person to read.
      const again = startServer({ DATABASE_URL: undefined, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(freePort()), PORT: String(port), LOG_FORMAT: 'pretty' });
      await again.waitFor(/The hub is ready\.[\s\S]*keys create[^\n]*\n\n/);
      expect(again.output()).not.toContain('loading a demo dataset');
      const second = atSummary(again.stdout());
      expect(second.logLines.length).toBeGreaterThan(0);
      expect(second.logLines.filter(isJson)).toEqual([]);
      expect(second.logLines.filter((line) => /^\[[\d:.]+\] INFO: hub is serving GraphQL /.test(line))).toHaveLength(1);
      expect(second.summary).toContain(`GraphQL      http://127.0.0.1:${port}/graphql\n`);
      expect(second.summary).toContain(`Dashboards   http://127.0.0.1:${port}/dashboards/\n`);
      expect(second.summary).toContain('npm run -s hub -- keys create --role admin --name "your name"');
      expect(second.summary).not.toContain('prt_');
      expect((await post(port, key!, '{ projects(first: 1) { totalCount } }')).data.projects.totalCount).toBe(150);
      expect(again.stdout().endsWith(second.summary)).toBe(true);
      expect(await again.stop('SIGTERM')).toBe(0);
      expect(again.output()).toMatch(/INFO: stopped/);
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
