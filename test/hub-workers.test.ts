import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { pushDemo } from '../src/demo/push-demo';
import { createLogger } from '../src/server/logger';
import { freePort, runTs, startServer, type Server } from './helpers/processes';
import { isolatedDatabase } from './helpers/test-hub';

/**
 * `npm start` with HUB_WORKERS=2: a primary process holding the embedded analytics engine and
 * two hub workers sharing one port, as an operator runs it. Pushes, statistics (through the
 * engine the primary holds), a worker killed and replaced, and a clean stop of them all.
 */
const STATS =
  '{ analyticsStatus { engine pendingBatches } statistics(input: { measures: [PROJECTS], filter: { from: "2020-01-01", to: "2026-12-31" } }) { rows { values { value } } } }';

let server: Server;
let databaseUrl: string;
let port: number;
let key: string;

type Line = { msg?: string; pid?: number; worker?: number };
const lines = (): Line[] =>
  server
    .stdout()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
const serving = () => lines().filter((l) => l.msg === 'hub is serving GraphQL');

async function gql(query: string): Promise<{ data?: any; errors?: unknown[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

beforeAll(async () => {
  databaseUrl = await isolatedDatabase('hub_workers');
  key = (await runTs('src/cli/main.ts', ['keys', 'create', '--role', 'admin', '--name', 'workers test admin'], { DATABASE_URL: databaseUrl })).stdout.trim();
  port = freePort();
  server = startServer({ DATABASE_URL: databaseUrl, HUB_WORKERS: '2', PORT: String(port), LOG_FORMAT: 'json', LOG_LEVEL: 'info' });
  await server.waitFor(/The hub is ready\./, 180_000);
});
afterAll(async () => {
  await server?.stop('SIGKILL');
});

describe('HUB_WORKERS=2', () => {
  it('runs two hub processes on one port and prints the start-up summary once', async () => {
    await server.waitFor(/"worker":2/);
    const workers = serving();
    expect(workers.map((w) => w.worker).sort()).toEqual([1, 2]);
    expect(new Set(workers.map((w) => w.pid)).size).toBe(2);
    expect(server.stdout().match(/The hub is ready\./g)).toHaveLength(1);
  });

  it('takes a push and answers statistics from the embedded engine the primary holds, whichever worker answers', async () => {
    const summary = await pushDemo({
      projects: 30,
      seed: 3,
      until: new Date('2026-06-30T12:00:00+08:00'),
      baseUrl: `http://127.0.0.1:${port}`,
      adminKey: key,
      log: createLogger('silent'),
    });
    expect(summary).toMatchObject({ rejected: 0, held: 0 });
    const database = openDatabase({ url: databaseUrl, poolMax: 1 });
    const projects = (await database.pool.query<{ n: number }>('select count(*)::int as n from projects')).rows[0]!.n;
    await database.close();
    // The sync after the last batch, by whichever worker took it.
    for (let tries = 0; ; tries++) {
      const r = await gql(STATS);
      if (r.data?.analyticsStatus.pendingBatches === 0 && r.data.statistics.rows[0]?.values[0].value === projects) break;
      if (tries > 100) throw new Error(`analytics never caught up: ${JSON.stringify(r)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Ten answers in a row, spread by the primary over both workers, all the same.
    const answers = await Promise.all(Array.from({ length: 10 }, () => gql(STATS)));
    for (const a of answers) {
      expect(a.errors).toBeUndefined();
      expect(a.data!.analyticsStatus.engine).toBe('embedded');
      expect(a.data!.statistics.rows[0].values[0].value).toBe(projects);
    }
  });

  it('replaces a worker that dies, and keeps answering', async () => {
    const victim = serving().find((w) => w.worker === 2)!;
    process.kill(victim.pid!, 'SIGKILL');
    await server.waitFor(/a hub worker stopped; starting another in its place/);
    await expect.poll(() => serving().filter((w) => w.worker === 2).length, { timeout: 60_000, interval: 200 }).toBe(2);
    const replacement = serving().filter((w) => w.worker === 2)[1]!;
    expect(replacement.pid).not.toBe(victim.pid);
    const answers = await Promise.all(Array.from({ length: 10 }, () => gql('{ analyticsStatus { engine } }')));
    expect(answers.every((a) => a.data?.analyticsStatus.engine === 'embedded')).toBe(true);
  });

  it('stops every worker, then itself, on SIGTERM', async () => {
    const pids = serving().map((w) => w.pid!);
    expect(await server.stop('SIGTERM')).toBe(0);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
