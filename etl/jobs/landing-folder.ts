import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvToNdjson } from '../csv-records';
import { loadOcdsFile } from '../ocds-file';
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
 * records (plain or .gz), the same as CSV (.csv, see csv-records.ts), or OCDS data (.json,
 * .jsonl: any shape, see ocds-file.ts). Each file is one batch, keyed by its name and
 * content, so a file dropped twice loads once. Processed files move to done/, files that
 * could not be loaded to failed/ (an OCDS file also when it is empty or every record in it
 * was refused, and then the run says it failed), each with a .report.json beside it.
 */
export async function runLandingFolder(job: LandingJob, ctx: JobContext): Promise<JobResult> {
  const folder = path.resolve(job.folder);
  await mkdir(path.join(folder, 'done'), { recursive: true });
  await mkdir(path.join(folder, 'failed'), { recursive: true });
  const result: JobResult = { batches: 0, records: 0, stored: 0, rejected: 0, held: 0, failures: [] };
  const files = (await readdir(folder)).filter((f) => /\.(ndjson(\.gz)?|jsonl?|csv)$/i.test(f)).sort();
  const moveWithReport = async (name: string, target: 'done' | 'failed', report: object) => {
    await writeFile(path.join(folder, target, `${name}.report.json`), `${JSON.stringify(report, null, 2)}\n`);
    await rename(path.join(folder, name), path.join(folder, target, name));
  };
  for (const name of files) {
    ctx.signal.throwIfAborted();
    const file = path.join(folder, name);
    if (!(await stat(file)).isFile()) continue;
    const report = { file: name, loadedAt: new Date().toISOString() };
    try {
      if (/\.jsonl?$/i.test(name)) {
        const ocds = await loadOcdsFile(ctx, file, { region: job.region, label: `landing folder ${job.name}` });
        if (ocds.batchId !== null) result.batches++;
        result.records += ocds.counts.records;
        result.stored += ocds.counts.stored;
        result.rejected += ocds.counts.rejected;
        result.held += ocds.counts.held;
        if (ocds.outcome === 'failed') result.failures!.push(`${name} (${ocds.reason})`);
        await moveWithReport(name, ocds.outcome === 'loaded' ? 'done' : 'failed', ocds);
        continue;
      }
      const digest = await fileDigest(file);
      const csv = /\.csv$/i.test(name);
      const batch = await ctx.ingest({
        idempotencyKey: `landing:${name}:${digest}`,
        body: csv ? Readable.from(csvToNdjson(createReadStream(file))) : createReadStream(file),
        gzip: name.toLowerCase().endsWith('.gz'),
        note: `landing folder ${job.name}: ${name}`,
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
      if (batch.status !== 'committed') result.failures!.push(`${name} (batch ${batch.status})`);
      await moveWithReport(name, batch.status === 'committed' ? 'done' : 'failed', receipt);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      result.failures!.push(`${name} (${(error as Error).message})`);
      await moveWithReport(name, 'failed', { ...report, error: (error as Error).message });
      ctx.log.warn({ job: job.name, file: name, err: error }, 'landing file could not be loaded');
    }
  }
  return result;
}
