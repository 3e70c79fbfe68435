import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderResults, runIndicators, settingsFromIni } from '../src/supervision/cardinal';

// `hub warnings cardinal` against cardinal-rs itself: its fixtures and the demonstrations of its
// docs (test/fixtures/cardinal/README.md), then the command as operators run it.

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/cardinal');
const read = (path: string) => readFileSync(path, 'utf8');

async function run(jsonl: string, ini: string, options: { meta?: boolean; map?: boolean } = {}) {
  const warnings: string[] = [];
  const result = await runIndicators(createReadStream(jsonl), settingsFromIni(read(ini)), { map: options.map, warn: (m) => warnings.push(m) });
  return { text: renderResults(result, { meta: options.meta ?? false, map: options.map ?? false }), warnings };
}

describe("cardinal-rs's indicator fixtures", () => {
  const dir = join(fixtures, 'indicators');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.slice(0, -'.jsonl'.length));
  it('are all here', () => expect(names).toHaveLength(15));
  // cardinal-rs compares these as maps (its key order is a hash map's), so they are compared as values.
  it.each(names)('%s', async (name) => {
    const { text } = await run(join(dir, `${name}.jsonl`), join(dir, `${name}.ini`));
    expect(JSON.parse(text)).toEqual(JSON.parse(read(join(dir, `${name}.expected`))));
  });
});

describe("cardinal-rs's documented demonstrations, byte for byte", () => {
  const dir = join(fixtures, 'examples');
  const codes = readdirSync(dir)
    .filter((f) => f.endsWith('.expected'))
    .map((f) => f.slice(0, 3));
  it('cover the eleven indicators', () => expect(codes).toEqual(['003', '018', '024', '025', '028', '030', '035', '036', '038', '048', '058']));
  it.each(codes)('R%s', async (code) => {
    const ini = existsSync(join(dir, `${code}.ini`)) ? join(dir, `${code}.ini`) : join(dir, 'settings.ini');
    const { text } = await run(join(dir, `${code}.jsonl`), ini);
    expect(text).toBe(read(join(dir, `${code}.expected`)).trimEnd());
  });
});

describe('figures', () => {
  it('takes quartiles as type 8 (statrs), with the fence and four-decimal "Meta" of cardinal-rs', async () => {
    // Second-lowest bid margins 0.1, 0.2, 0.3, 0.4: type 8 gives Q1 0.141667 (type 7 would give 0.175).
    const lines = [0.1, 0.2, 0.3, 0.4].map((margin, i) =>
      JSON.stringify({
        ocid: `P${i}`,
        awards: [{ status: 'active', suppliers: [{ id: 'W' }] }],
        bids: {
          details: [
            { status: 'valid', tenderers: [{ id: 'W' }], value: { amount: 100, currency: 'USD' } },
            { status: 'valid', tenderers: [{ id: 'L' }], value: { amount: 100 * (1 + margin), currency: 'USD' } },
          ],
        },
      }),
    );
    const acc = await runIndicators(Readable.from(lines.join('\n')), settingsFromIni('[R024]\n[R058]\n'), { warn: () => undefined });
    const meta = JSON.parse(renderResults(acc, { meta: true, map: false })).Meta;
    expect(meta.R024).toEqual({ q1: 0.1417, q3: 0.3583, lower_fence: -0.1833 });
    expect(meta.R058).toEqual({ q1: 0.1417, q3: 0.3583, upper_fence: 0.6833 });
  });

  it('warns about a line that is not JSON and goes on, as cardinal-rs does', async () => {
    const warnings: string[] = [];
    const input = Readable.from(['{"ocid":"A","tender":{"numberOfTenderers":1}}\n{"ocid":\n\n   \n{"ocid":"B","tender":{"numberOfTenderers":1.0}}\n']);
    const acc = await runIndicators(input, settingsFromIni('[R018]\nprocurement_methods = \n'), { warn: (m) => warnings.push(m) });
    // 1.0 is not an unsigned integer to cardinal-rs, so B is not flagged; blank lines pass silently.
    expect(renderResults(acc, { meta: false, map: false })).toBe('{"OCID":{"A":{"R018":1.0}}}');
    expect(warnings).toEqual([expect.stringMatching(/^Line 2 is invalid JSON, skipping\. \[/)]);
  });
});

describe('the command', () => {
  const exec = promisify(execFile);
  const hub = (...args: string[]) => exec('npx', ['tsx', 'src/cli/main.ts', 'warnings', 'cardinal', ...args], { cwd: root });
  const fails = async (...args: string[]) => {
    const error = (await hub(...args).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: number; stderr: string; stdout: string } | undefined;
    expect(error, 'the command should fail').toBeDefined();
    expect(error!.stderr).not.toMatch(/\n\s+at /); // no stack trace
    return error!;
  };

  it('prints the results and "Meta" of a fixture', async () => {
    const fixture = join(fixtures, 'indicators/R024');
    const { stdout } = await hub(`${fixture}.jsonl`, '--settings', `${fixture}.ini`);
    expect(JSON.parse(stdout)).toEqual({ ...JSON.parse(read(`${fixture}.expected`)), Meta: { R024: { q1: 66.6667, q3: 100, lower_fence: 16.6667 } } });
    expect(stdout).toContain('"R024":{"q1":66.6667,"q3":100.0,"lower_fence":16.6667}');
  }, 60_000);

  it('names the bad line, the bad key and the missing file, and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cardinal-'));
    const jsonl = join(dir, 'in.jsonl');
    await writeFile(jsonl, '{"ocid":"A"}\n{"ocid": oops}\n');
    const settings = join(dir, 'settings.ini');
    await writeFile(settings, '[R024]\nthreshold = five percent\n');

    const warned = await hub(jsonl);
    expect(warned.stdout).toBe('{"Meta":{}}\n');
    expect(warned.stderr).toContain('Line 2 is invalid JSON, skipping.');

    const strict = await fails(jsonl, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/^hub: line 2 is not valid JSON/);
    const badValue = await fails(jsonl, '--settings', settings);
    expect(badValue.stderr).toBe(`hub: settings file ${settings}: R024.threshold: invalid value "five percent", expected a floating point\n`);
    const missing = await fails(join(dir, 'none.jsonl'));
    expect(missing.stderr).toBe(`hub: ${join(dir, 'none.jsonl')}: no such file\n`);
    expect(missing.stdout).toBe('');
  }, 120_000);
});
