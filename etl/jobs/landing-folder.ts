import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvToNdjson } from '../csv-records';
import { ocdsToRecords } from '../ocds';
import type { JobConfig } from '../job-config';
import type { JobContext, JobResult } from '../runner';

type LandingJob = Extract<JobConfig, { kind: 'landing_folder' }>;

async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Picks up files dropped in a folder by a platform that cannot call the API: NDJSON push
 * records (plain or .gz), the same as CSV (.csv, see csv-records.ts), or OCDS release or
 * record packages (.json). Each file is one batch, keyed by its name and content, so a file dropped twice
 * loads once. Processed files move to done/, files that could not be loaded to failed/,
 * each with a .report.json beside it saying what happened.
 */
export async function runLandingFolder(job: LandingJob, ctx: JobContext): Promise<JobResult> {
  const folder = path.resolve(job.folder);
  await mkdir(path.join(folder, 'done'), { recursive: true });
  await mkdir(path.join(folder, 'failed'), { recursive: true });
  const result: JobResult = { batches: 0, records: 0, stored: 0, rejected: 0, held: 0 };
  const files = (await readdir(folder)).filter((f) => /\.(ndjson(\.gz)?|json|csv)$/i.test(f)).sort();
  for (const name of files) {
    ctx.signal.throwIfAborted();
    const file = path.join(folder, name);
    if (!(await stat(file)).isFile()) continue;
    const report = { file: name, loadedAt: new Date().toISOString() };
    try {
      const digest = await fileDigest(file);
      const ocds = /\.json$/i.test(name);
      const csv = /\.csv$/i.test(name);
      if (ocds && !job.region) throw new Error(`OCDS file, but job ${job.name} names no region for its projects`);
      const batch = await ctx.ingest({
        idempotencyKey: `landing:${name}:${digest}`,
        body: ocds
          ? Readable.from(ocdsToRecords(JSON.parse(await readFile(file, 'utf8')), job.region!).map((r) => `${JSON.stringify(r)}\n`))
          : csv
            ? Readable.from(csvToNdjson(createReadStream(file)))
            : createReadStream(file),
        gzip: name.toLowerCase().endsWith('.gz'),
        note: `landing folder ${job.name}: ${name}${ocds ? ' (OCDS)' : ''}`,
      });
      result.batches++;
      result.records += batch.recordsReceived;
      result.stored += batch.recordsStored + batch.recordsReleased;
      result.rejected += batch.recordsRejected;
      result.held += batch.recordsHeld;
      const receipt = {
        ...report,
        sha256: digest,
        batchId: batch.id,
        status: batch.status,
        counts: {
          received: batch.recordsReceived,
          stored: batch.recordsStored,
          unchanged: batch.recordsUnchanged,
          stale: batch.recordsStale,
          held: batch.recordsHeld,
          rejected: batch.recordsRejected,
        },
        rejections: `GET /push/batches/${batch.id}/rejections.ndjson`,
      };
      const target = batch.status === 'committed' ? 'done' : 'failed';
      await writeFile(path.join(folder, target, `${name}.report.json`), `${JSON.stringify(receipt, null, 2)}\n`);
      await rename(file, path.join(folder, target, name));
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      await writeFile(path.join(folder, 'failed', `${name}.report.json`), `${JSON.stringify({ ...report, error: (error as Error).message }, null, 2)}\n`);
      await rename(file, path.join(folder, 'failed', name));
      ctx.log.warn({ job: job.name, file: name, err: error }, 'landing file could not be loaded');
    }
  }
  return result;
}
