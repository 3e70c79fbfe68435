import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobConfig } from '../etl/job-config';
import type { OcdsFileReport } from '../etl/ocds-file';
import { runJob } from '../etl/runner';
import { createLogger } from '../src/server/logger';
import { Factory } from './helpers/factories';
import { createTestHub, type TestHub } from './helpers/test-hub';

// Real publishers' OCDS files through the landing-folder job (issue 12): of ten such files
// none imported before. Each file's report names what it stored and what was refused, by
// ocid, release id and OCDS path; empty files and files whose every record failed go to
// failed/ and the run says so.

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'ocds');
let hub: TestHub;
let key: string;
let folder: string;
let run: Awaited<ReturnType<typeof runJob>>;
const reports = new Map<string, { where: 'done' | 'failed'; report: OcdsFileReport }>();

beforeAll(async () => {
  hub = await createTestHub();
  key = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
  folder = await mkdtemp(path.join(tmpdir(), 'ocds-landing-'));
  for (const f of await readdir(path.join(FIXTURES, 'publishers'))) await cp(path.join(FIXTURES, 'publishers', f), path.join(folder, f));
  for (const f of ['empty-0-bytes.json', 'empty-object.json', 'empty-releases.json']) await cp(path.join(FIXTURES, f), path.join(folder, f));
  const job: JobConfig = {
    name: `ocds-${Date.now()}`,
    kind: 'landing_folder',
    folder,
    region: '152921',
    platform: 'P152900',
    schedule: '0 3 * * *',
    enabled: true,
    retries: 0,
    timeoutSeconds: 300,
  } as JobConfig;
  run = await runJob(
    { database: hub.database, registry: hub.registry, log: createLogger('silent'), limits: { maxPartBytes: 1e9, maxRatio: 100 }, secret: () => undefined },
    job,
    'manual',
  );
  for (const where of ['done', 'failed'] as const) {
    for (const f of await readdir(path.join(folder, where))) {
      if (f.endsWith('.report.json')) reports.set(f.replace('.report.json', ''), { where, report: JSON.parse(await readFile(path.join(folder, where, f), 'utf8')) });
    }
  }
}, 120_000);
afterAll(async () => {
  await hub.close();
  await rm(folder, { recursive: true, force: true });
});

const projectsQ = `query($text: String!) { projects(filter: { text: $text }) { nodes { title budget currency status
  awards { amount currency winner { name identifier { scheme id } } } } } }`;
const projects = async (text: string) => (await hub.gql(projectsQ, { key, variables: { text } })).data!.projects.nodes;

describe('OCDS files from real publishers, through the landing folder', () => {
  it('loads every conforming file, 1.0 and 1.1, release and record packages, with or without a compiled release, and JSON Lines', () => {
    for (const f of [
      'uk-contracts-finder-release-package.json',
      'colombia-record-package.json',
      'ocds-1.0-release-package.json',
      'paraguay-record-package-compiled.json',
      'releases.jsonl',
    ]) {
      const r = reports.get(f);
      expect(r, f).toBeDefined();
      expect(r!.where, `${f}: ${r!.report.reason} ${JSON.stringify(r!.report.problems.slice(0, 3))}`).toBe('done');
      expect(r!.report.counts.stored, f).toBeGreaterThan(0);
    }
  });

  it('sends empty files to failed/ with the reason, and the run says it failed', () => {
    for (const f of ['empty-0-bytes.json', 'empty-object.json', 'empty-releases.json']) {
      expect(reports.get(f)).toMatchObject({ where: 'failed', report: { outcome: 'failed', reason: expect.stringMatching(/no releases or records|nothing in the file/) } });
    }
    expect(run.status).toBe('failed');
    expect(run.error).toContain('empty-0-bytes.json');
    expect(run.stored).toBeGreaterThan(0);
  });

  it('keeps the earlier releases of a process: an award-only release neither blanks the title nor the budget, and pounds stay pounds', async () => {
    const [uk] = await projects('Highways Resurfacing Framework 2025-2029');
    expect(uk).toMatchObject({ title: 'Highways Resurfacing Framework 2025-2029', budget: '12500000.00', currency: 'GBP' });
    expect(uk.awards).toHaveLength(2);
    expect(uk.awards.map((a: { currency: string }) => a.currency)).toEqual(['GBP', 'GBP']);
    expect(uk.awards.map((a: { winner: { identifier: { scheme: string } } }) => a.winner.identifier.scheme)).toEqual(['GB-COH', 'GB-COH']);
  });

  it('compiles a record package without compiled release, linking a contract to an award of an earlier release (numeric and string ids alike)', async () => {
    const [co] = await projects('PN MEVAL CD 008 2011');
    expect(co).toMatchObject({ budget: '130432400.00', currency: 'COP', status: expect.stringMatching(/contracted|completed|performing/) });
    expect(reports.get('colombia-record-package.json')!.report.counts.rejected).toBe(0);
  });

  it('rejects a non-conforming file record by record, naming the ocid, release and OCDS path of each fault', () => {
    const r = reports.get('chinese-nonconforming.json')!;
    expect(r).toBeDefined();
    expect(r.report.problems.length).toBeGreaterThan(0);
    for (const p of r.report.problems) expect(p.path, JSON.stringify(p)).toMatch(/^\/|^line \d+/);
    expect(r.report.problems.some((p) => /\/releases\/\d+\//.test(p.path))).toBe(true);
  });
});
