import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runTs } from './helpers/processes';

/**
 * Server mode against a real ClickHouse server. `.ci/run` installs Debian's
 * clickhouse-server (release 18.16, far older than the hub supports), starts it on loopback
 * with a user `hub`, and sets CLICKHOUSE_TEST_SERVER_URL; run `.ci/clickhouse-server.sh`
 * and set it to run these locally.
 */
const url = process.env.CLICKHOUSE_TEST_SERVER_URL;

describe.skipIf(!url)('analytics on a ClickHouse server', () => {
  const hub = (env: Record<string, string>) => runTs('src/main.ts', [], { DATABASE_URL: inject('databaseUrl'), PORT: '0', ...env });

  it('refuses a server older than the supported floor, saying which version it found and needs', async () => {
    const run = await hub({ CLICKHOUSE_URL: url!, CLICKHOUSE_USER: 'hub', CLICKHOUSE_PASSWORD: 'hub-ci-password' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/The ClickHouse server at http:\/\/127\.0\.0\.1:\d+ is version 18\.16[\d.]*; the hub needs 25\.8 or newer/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says when the credentials are wrong, without a stack trace', async () => {
    const run = await hub({ CLICKHOUSE_URL: url!, CLICKHOUSE_USER: 'hub', CLICKHOUSE_PASSWORD: 'not-the-password' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("refused user 'hub': wrong user name or password");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('says when nothing listens at the address', async () => {
    const run = await hub({ CLICKHOUSE_URL: 'http://127.0.0.1:1' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Cannot reach ClickHouse at http://127.0.0.1:1: nothing is listening there');
  });
});
