import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../src/supervision/supervision.enums';
import { runTs } from './helpers/processes';
import { isolatedDatabase } from './helpers/test-hub';

// The commands docs/early-warning.md gives, run as an operator would.

let dir: string;
let databaseUrl: string;
const hubCli = (args: string[], extra: Record<string, string> = {}) =>
  runTs('src/cli/main.ts', args, { DATABASE_URL: databaseUrl, LOG_LEVEL: undefined, CLICKHOUSE_EMBEDDED_DIR: path.join(dir, 'ch'), ...extra });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-warnings-'));
  await chmod(dir, 0o755);
  databaseUrl = await isolatedDatabase('cli_warnings');
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run hub -- warnings run', () => {
  it('runs every indicator and prints its figures, then the run', async () => {
    const rebuilt = await hubCli(['analytics', 'rebuild']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const run = await hubCli(['warnings', 'run', '--full']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([...INDICATORS, 'full']);
    expect(lines[0]).toMatch(/^shared_fingerprint\s+found\s+0\s+raised\s+0\s+updated\s+0\s+[\d.]+ s$/);
    expect(lines.at(-1)).toMatch(/^full run \d+: 0 warnings raised in [\d.]+ s$/);
  }, 120_000);

  it('refuses to start with a thresholds file that has a mistake, naming every bad key', async () => {
    const bad = path.join(dir, 'thresholds.json');
    await writeFile(bad, JSON.stringify({ indicators: { fingerprint_ring: { minProjects: 1 }, short_bid_priod: {} }, reviewDays: 0 }));
    const run = await hubCli(['warnings', 'run'], { WARNING_THRESHOLDS_FILE: bad });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('WARNING_THRESHOLDS_FILE');
    expect(run.stderr).toContain('indicators.fingerprint_ring.minProjects: Too small');
    expect(run.stderr).toContain('short_bid_priod');
    expect(run.stderr).toContain('reviewDays');
    expect(run.stderr).not.toMatch(/\bat \S+\.ts:\d+/);
  }, 120_000);
});
