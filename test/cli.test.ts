import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Factory } from './helpers/factories';
import { freePort, postgresRunning, runTs } from './helpers/processes';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
const env = () => ({ DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: undefined });
const hubCli = (args: string[]) => runTs('src/cli/main.ts', args, env());

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
});
afterAll(() => hub.close());

describe('npm run hub -- keys', () => {
  it('create prints only the new key, which then works with its role and platform', async () => {
    const run = await hubCli(['keys', 'create', '--role', 'platform', '--platform', 'P152900', '--name', `${f.tag} Alxa push`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^prt_[A-Za-z0-9_-]{43}\n$/);
    const key = run.stdout.trim();
    const project = await f.project({ platformCode: 'P152900' });
    const other = await f.project({ platformCode: 'P150100', regionCode: '150100' });
    const mine = await hub.gql(`{ project(id: "${project.id}") { projectCode } }`, { key });
    expect(mine.data!.project.projectCode).toBe(project.projectCode);
    expect(codes(await hub.gql(`{ project(id: "${other.id}") { projectCode } }`, { key }))).toEqual(['FORBIDDEN']);
  });

  it('create takes a supervisor remit of several categories and regions', async () => {
    const run = await hubCli([
      'keys',
      'create',
      '--role',
      'supervisor',
      '--department',
      '阿拉善盟财政局',
      '--category',
      'government_procurement,construction',
      '--region',
      '152922',
      '--region',
      '152923',
      '--name',
      `${f.tag} sup`,
    ]);
    expect(run.code).toBe(0);
    const inRemit = await f.project({ platformCode: 'P152923', regionCode: '152923', categoryCode: 'government_procurement' });
    const outside = await f.project({ platformCode: 'P152971', regionCode: '152971', categoryCode: 'government_procurement' });
    const r = await hub.gql(`{ projects(filter: { text: "${f.tag}" }) { nodes { id } } }`, { key: run.stdout.trim() });
    const ids = r.data!.projects.nodes.map((n: { id: string }) => Number(n.id));
    expect(ids).toContain(inRemit.id);
    expect(ids).not.toContain(outside.id);
  });

  it('refuses incomplete or inconsistent requests with a clear message and no key', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--role', 'root', '--name', 'x'], /Allowed choices are admin, platform, credit, policy, supervisor/],
      [['--role', 'platform', '--name', 'x'], /platform key needs --platform/],
      [['--role', 'platform', '--platform', 'P999999', '--name', 'x'], /unknown platform code 'P999999'/],
      [['--role', 'supervisor', '--department', 'x', '--name', 'x'], /needs a remit/],
      [['--role', 'supervisor', '--department', 'x', '--region', '159999', '--name', 'x'], /unknown region code '159999'/],
      [['--role', 'credit', '--region', '152900', '--name', 'x'], /takes no department, category or region/],
    ];
    for (const [args, message] of cases) {
      const run = await hubCli(['keys', 'create', ...args]);
      expect(run.code).not.toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    }
    // Six CLI processes, each several seconds on a busy 2-core machine.
  }, 120_000);

  it('list never shows a key, and revoke stops it working at once', async () => {
    const created = await hubCli(['keys', 'create', '--role', 'credit', '--name', `${f.tag} credit platform`]);
    const key = created.stdout.trim();
    const listed = await hubCli(['keys', 'list']);
    expect(listed.stdout).not.toContain(key);
    const line = listed.stdout.split('\n').find((l) => l.includes(`${f.tag} credit platform`))!;
    expect(line).toContain(key.slice(0, 10));
    expect(line).toContain('active');
    const id = line.split('\t')[0]!;
    expect((await hub.gql('{ regions { code } }', { key })).errors).toBeUndefined();
    expect((await hubCli(['keys', 'revoke', id])).code).toBe(0);
    expect(codes(await hub.gql('{ regions { code } }', { key }))).toEqual(['UNAUTHENTICATED']);
  }, 120_000);
});

describe('the CLI on the embedded default', () => {
  it('starts the embedded Postgres itself when no hub runs, and stops it again', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'hub-cli-'));
    await chmod(parent, 0o755); // Postgres runs as its own user and must reach the folder
    const dataDir = path.join(parent, 'pg');
    try {
      const env = { DATABASE_URL: undefined, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(freePort()) };
      const first = await runTs('src/cli/main.ts', ['keys', 'create', '--role', 'policy', '--name', 'first key'], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^prt_/);
      expect(postgresRunning(dataDir)).toBe(false);
      const listed = await runTs('src/cli/main.ts', ['keys', 'list'], env);
      expect(listed.stdout).toContain('first key');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }, 120_000);

  // With DATABASE_URL set for the tests there is no embedded server to attach to.
  it.runIf(inject('embeddedPgDir') !== null)('uses the running embedded Postgres and leaves it running', async () => {
    const dir = inject('embeddedPgDir')!;
    const run = await runTs('src/cli/main.ts', ['keys', 'create', '--role', 'admin', '--name', `${f.tag} attach`], {
      DATABASE_URL: undefined,
      EMBEDDED_PG_DIR: dir,
      EMBEDDED_PG_PORT: '54399',
    });
    expect(run.stderr).toContain('Created key');
    expect(run.code).toBe(0);
    expect(postgresRunning(dir)).toBe(true);
  });
});
