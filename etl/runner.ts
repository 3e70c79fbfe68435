import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Db } from '../src/db/database';
import type { RecordError } from '../src/db/schema';
import { pageRejections, type BatchRow } from '../src/ingestion/batch.repository';
import { ingestStream, type IngestContext } from '../src/ingestion/ingest-stream';
import { TransientError } from './fetch-source';
import type { JobConfig } from './job-config';
import { runHttpFeed } from './jobs/http-feed';
import { runCreditListCsv } from './jobs/credit-list-csv';
import { runLandingFolder } from './jobs/landing-folder';
import { withAdvisoryLock } from '../src/db/advisory-lock';
import { finishRun, readWatermark, recordSkipped, scheduledRunSince, startRun, writeWatermark, type EtlRunRow, type EtlTrigger } from './runs.repository';

export interface JobResult {
  batches: number;
  records: number;
  stored: number;
  rejected: number;
  held: number;
  /** Files (or other units) the run could not load, with why: the run is then failed, its counts kept. */
  failures?: string[];
}

/** What a job may do: load a stream as a batch, keep its watermark, read its secret. */
export interface JobContext {
  signal: AbortSignal;
  log: Logger;
  ingest(opts: { idempotencyKey: string; body: Readable; gzip: boolean; note?: string }): Promise<BatchRow>;
  /** A loaded batch's refused records, in line order. */
  rejections(batchId: number): AsyncIterable<{ lineNo: number; errors: RecordError[] }>;
  watermark(): Promise<string | null>;
  saveWatermark(value: string): Promise<void>;
  secret(name: string): string | undefined;
}

export interface RunnerContext extends IngestContext {
  secret(name: string): string | undefined;
  /** Backoff between attempts, in ms (tests shorten it). */
  backoffMs?: number;
}

const KINDS = { landing_folder: runLandingFolder, http_feed: runHttpFeed, credit_list_csv: runCreditListCsv } as const;

/**
 * Runs one job now: at most one run of a job at a time across every hub process (a
 * Postgres advisory lock held for the run), transient failures retried with backoff, a
 * time limit, and a record of the run either way.
 *
 * `slot`: for a scheduled run, the time its schedule fired. Every hub process has the
 * schedule, so each fires; the first takes the lock and runs, the others wait for it and,
 * finding a scheduled run started since the slot, return that run and record nothing (not
 * even a skip: N-1 of them a night would bury the runs that matter).
 */
export async function runJob(ctx: RunnerContext, job: JobConfig, trigger: EtlTrigger, slot?: Date): Promise<EtlRunRow> {
  const { database } = ctx;
  const key = etlLockKey(job.name);
  if (slot) {
    // Queue behind the process running it: once it is done, its run is this slot's.
    return withAdvisoryLock(database.pool, key, 'wait', async () => (await scheduledRunSince(database.db, job.name, slot)) ?? runLocked(ctx, job, trigger));
  }
  const ran = await withAdvisoryLock(database.pool, key, 'try', () => runLocked(ctx, job, trigger));
  return ran ?? recordSkipped(database.db, job.name, trigger, 'another run of this job is still going');
}

/** The job's lock: apart from the hub's other advisory locks (small numbers), one per job name. */
function etlLockKey(job: string): number {
  return 715 * 2 ** 40 + createHash('sha256').update(`etl:${job}`).digest().readUInt32BE(0);
}

async function runLocked(ctx: RunnerContext, job: JobConfig, trigger: EtlTrigger): Promise<EtlRunRow> {
  const { database, log } = ctx;
  const before = await readWatermark(database.db, job.name);
  const run = await startRun(database.db, job.name, trigger, before);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`run exceeded ${job.timeoutSeconds} s`)), job.timeoutSeconds * 1000);
  const jobCtx: JobContext = {
    signal: abort.signal,
    log,
    ingest: (opts) =>
      ingestStream(ctx, {
        source: job.platform
          ? { platformCode: job.platform }
          : { feedCode: `feed:${job.name}`, name: `ETL job ${job.name}`, kind: job.kind === 'credit_list_csv' ? 'credit_feed' : 'third_party_feed' },
        ...opts,
      }),
    rejections: (batchId) => allRejections(database.db, batchId),
    watermark: () => readWatermark(database.db, job.name),
    saveWatermark: (value) => writeWatermark(database.db, job.name, value),
    secret: ctx.secret,
  };
  let attempt = 0;
  try {
    for (;;) {
      attempt++;
      try {
        const { failures = [], ...result } = await (KINDS[job.kind] as (j: JobConfig, c: JobContext) => Promise<JobResult>)(job, jobCtx);
        const after = await readWatermark(database.db, job.name);
        if (failures.length > 0) {
          log.warn({ job: job.name, attempt, failures, ...result }, 'ETL run finished, but some files could not be loaded');
          const error = `${failures.length} could not be loaded: ${failures.slice(0, 20).join('; ')}${failures.length > 20 ? '; …' : ''}`;
          return await finishRun(database.db, run.id, { status: 'failed', attempts: attempt, watermarkAfter: after, error, ...result });
        }
        log.info({ job: job.name, attempt, ...result }, 'ETL run succeeded');
        return await finishRun(database.db, run.id, { status: 'succeeded', attempts: attempt, watermarkAfter: after, ...result });
      } catch (error) {
        if (!(error instanceof TransientError) || attempt > job.retries || abort.signal.aborted) throw error;
        const delay = (ctx.backoffMs ?? 2000) * 2 ** (attempt - 1);
        log.warn({ job: job.name, attempt, delay, err: error }, 'ETL run hit a transient failure; retrying');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  } catch (error) {
    const reason = abort.signal.aborted ? (abort.signal.reason as Error).message : (error as Error).message;
    log.error({ job: job.name, attempt, err: error }, 'ETL run failed');
    return await finishRun(database.db, run.id, { status: 'failed', attempts: attempt, error: reason, watermarkAfter: await readWatermark(database.db, job.name) });
  } finally {
    clearTimeout(timer);
  }
}

/** A batch's refused records, a page at a time. */
export async function* allRejections(db: Db, batchId: number): AsyncGenerator<{ lineNo: number; errors: RecordError[] }> {
  for (let after = 0; ;) {
    const page = await pageRejections(db, batchId, after, 1000);
    yield* page;
    if (page.length < 1000) return;
    after = page.at(-1)!.lineNo;
  }
}
