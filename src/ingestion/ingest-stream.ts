import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { Registry } from '../registry/registry.service';
import { describeFault, faultForLog } from './pipeline/faults';
import { feedSourceId, findBatch, markFailed, markSealed, openOrFindBatch, pushSourceId, reopenFailedBatch, setBatchNote, type BatchRow } from './batch.repository';
import { processBatch } from './pipeline/process-batch';
import { stagePart, type UploadLimits } from './upload';

/** A platform's own push source, or a hub-side feed (the credit platform's lists) with no platform. */
export type SourceRef = { platformCode: string } | { feedCode: string; name: string; kind: 'credit_feed' | 'third_party_feed' };

async function sourceIdOf(ctx: IngestContext, source: SourceRef): Promise<number> {
  if ('platformCode' in source) {
    return pushSourceId(ctx.database.db, ctx.registry.requirePlatform('platform', source.platformCode).code);
  }
  return feedSourceId(ctx.database.db, { code: source.feedCode, name: source.name, kind: source.kind });
}

export interface IngestContext {
  database: Database;
  registry: Registry;
  log: Logger;
  limits: UploadLimits;
  /** Called after each committed batch, as the push processor does (services.batchCommitted: the analytics sync). */
  onCommitted?: (batchId: number) => void;
}

/**
 * Loads one NDJSON stream as one batch of a platform's source and processes it now: the
 * path ETL jobs take. It is the push protocol without HTTP: the same staging, validation,
 * versioning, quarantine and ledger; the same idempotency key twice is the same batch.
 */
export async function ingestStream(ctx: IngestContext, opts: { source: SourceRef; idempotencyKey: string; body: Readable; gzip: boolean; note?: string }): Promise<BatchRow> {
  const sourceId = await sourceIdOf(ctx, opts.source);
  let batch = await openOrFindBatch(ctx.database.db, sourceId, opts.idempotencyKey);
  if (batch.status === 'committed') {
    opts.body.resume(); // already loaded: nothing to read
    return batch;
  }
  if (batch.status === 'failed') batch = await reopenFailedBatch(ctx.database.db, batch.id);
  if (batch.status === 'open') {
    const part = await stagePart(ctx.database.pool, opts.body, { batchId: batch.id, partNo: 1, coding: opts.gzip ? 'gzip' : 'identity', limits: ctx.limits });
    await setBatchNote(ctx.database.db, batch.id, opts.note ?? null);
    await markSealed(ctx.database.db, batch.id, { count: part.lines, sha256: part.sha256, contentSha256: part.sha256 });
  } else opts.body.resume();
  try {
    const outcome = await processBatch({ db: ctx.database.db, registry: ctx.registry, log: ctx.log, batchId: batch.id });
    if (outcome.status === 'committed') ctx.onCommitted?.(batch.id);
  } catch (error) {
    // The driver's error quotes the SQL and its parameters (ID numbers among them): the run's
    // log and record get the kind of fault only.
    ctx.log.error({ batchId: batch.id, ...faultForLog(error) }, 'batch failed; nothing of it was stored');
    const message = `processing failed, nothing of the batch was stored; load it again to retry: ${describeFault(error)}`;
    await markFailed(ctx.database.db, batch.id, message).catch(() => undefined);
    // eslint-disable-next-line preserve-caught-error -- the cause quotes the SQL and its parameters (ID numbers among them); the message names the fault
    throw new Error(message);
  }
  return (await findBatch(ctx.database.db, batch.id))!;
}
