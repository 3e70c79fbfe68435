import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runTs } from './helpers/processes';

// The commands docs/ocds.md and docs/statistics.md give, run as an operator would.

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'ocds');
let dir: string;
const hubCli = (args: string[], extra: Record<string, string> = {}) =>
  runTs('src/cli/main.ts', args, { DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: undefined, CLICKHOUSE_EMBEDDED_DIR: path.join(dir, 'ch'), ...extra });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-ocds-'));
  await chmod(dir, 0o755);
  await copyFile(path.join(FIXTURES, 'publishers', 'releases.jsonl'), path.join(dir, 'releases.jsonl'));
  await copyFile(path.join(FIXTURES, 'empty-object.json'), path.join(dir, 'empty.json'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run hub -- ocds', () => {
  it('import prints one line per file as the docs show, writes each report beside its file, and exits 1 when a file failed', async () => {
    const run = await hubCli(['ocds', 'import', '--platform', 'P152900', path.join(dir, 'releases.jsonl'), path.join(dir, 'empty.json')]);
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /releases\.jsonl: loaded; 4 records of 2 processes: stored \d+, unchanged \d+, held 0, rejected 0, not mapped 0; report .*releases\.jsonl\.report\.json$/,
    );
    expect(lines[1]).toMatch(/empty\.json: FAILED \(the file holds no releases or records\)/);
    const report = JSON.parse(await readFile(path.join(dir, 'releases.jsonl.report.json'), 'utf8'));
    expect(report).toMatchObject({ file: 'releases.jsonl', outcome: 'loaded', counts: { records: 4, rejected: 0 } });
  }, 120_000);

  it('export writes a record package holding what was imported', async () => {
    const out = path.join(dir, 'export.json');
    const run = await hubCli(['ocds', 'export', '--from', '2024-01-01', '--to', '2026-12-31', '--region', '152900', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(out, 'utf8'));
    expect(pkg).toMatchObject({ version: '1.1', uri: expect.stringMatching(/^file:\/\//), publisher: { name: expect.any(String) } });
    expect(pkg.records.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('npm run hub -- rates load', () => {
  it('loads the good rows, names the line and field of a bad one, and exits 1', async () => {
    const file = path.join(dir, 'rates-2025.csv');
    await writeFile(file, 'currency,month,yuan_per_unit,source\nUSD,2025-06,7.1789,PBOC\nHKD,2025-6,0.9146,PBOC\n');
    const run = await hubCli(['rates', 'load', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('rates-2025.csv: 1 rates loaded, 1 rows refused');
    expect(run.stdout).toMatch(/line 3 month: a month as YYYY-MM/);
    expect(run.stdout).toContain('analytics: amounts in other currencies copied again');
  }, 120_000);
});
