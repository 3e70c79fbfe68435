import { createHash } from 'node:crypto';
import { Readable, Transform, Writable, type Stream, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool } from '../db/database';
import { ConflictError } from '../errors/domain-errors';
import { badCoding, decoderFor, type ContentCoding } from './content-coding';
import { LineSplitter, type Line } from './line-splitter';
import { MAX_LINE_BYTES } from './records';
import type { PartRecords } from './batch-records';
import { RecordsDigest } from './records-digest';
import { stageNul, stagePartLines, type PartReceipt } from './staging.repository';
import { UploadError } from './upload-errors';

export type { PartReceipt } from './staging.repository';
export { UploadError } from './upload-errors';

export interface UploadLimits {
  /** Largest decompressed part accepted. */
  maxPartBytes: number;
  /** Largest decompressed/compressed ratio once past 16 MiB: a decompression bomb trips it early. */
  maxRatio: number;
}

/** Counts decompressed bytes, hashes them, and stops a decompression bomb. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(
    private readonly limits: UploadLimits,
    private readonly compressedBytes: () => number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    const compressed = this.compressedBytes();
    if (this.bytes > this.limits.maxPartBytes) {
      return done(new UploadError('DECOMPRESSION_LIMIT', `part is over ${this.limits.maxPartBytes} bytes once decompressed; split the batch into more parts`));
    }
    if (compressed > 0 && this.bytes > 16 * 1024 * 1024 && this.bytes / compressed > this.limits.maxRatio) {
      return done(new UploadError('DECOMPRESSION_LIMIT', `part decompresses more than ${this.limits.maxRatio}:1; refused as a likely decompression bomb`));
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** Counts the bytes as they arrive (compressed, when encoded), without changing them. */
class CountBytes extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** The part's bytes, counted, decoded, metered and split into lines. */
function partStages(body: Readable, coding: ContentCoding, limits: UploadLimits) {
  if (!(body instanceof Readable)) throw new TypeError('a part must be given as a byte stream');
  const counted = new CountBytes();
  const decoder = decoderFor(coding);
  const meter = new Meter(limits, () => (decoder ? counted.bytes : 0));
  const stages: Stream[] = [body, counted, ...(decoder ? [decoder] : []), meter, new LineSplitter(MAX_LINE_BYTES)];
  return { stages, meter, decoder, receipt: (lines: number): PartReceipt => ({ lines, bytes: meter.bytes, sha256: meter.hash.digest('hex') }) };
}

/**
 * Runs the stages as one pipeline. Every stage keeps an 'error' listener for good (one may
 * fail after the pipeline gave up on it: a COPY whose connection is closed, say), and the
 * first stage to fail is noted, so a decoder's own error is told from those it is destroyed with.
 */
async function runStages(stages: Stream[], decoder: Stream | null, coding: ContentCoding): Promise<void> {
  let first: { stage: Stream; error: unknown } | undefined;
  for (const stage of stages) stage.on('error', (error: unknown) => void (first ??= { stage, error }));
  try {
    await pipeline(stages as unknown as [Readable, Writable]);
  } catch (error) {
    if (error instanceof UploadError) throw error;
    if (decoder && first?.stage === decoder && first.error === error) throw badCoding(coding, error as Error);
    const code = (error as { code?: string }).code;
    if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET') throw new UploadError('UPLOAD_ABORTED', 'the upload was cut off before it ended');
    throw error;
  }
}

/**
 * Streams one part of a batch into batch_lines: decode, meter, split into lines, COPY.
 * The part replaces any earlier upload of the same part number, in one transaction, so a
 * retried upload never leaves half a part behind; and it commits only if the batch is
 * still open then (checked under a row lock that sealing conflicts with), so a part still
 * streaming when its batch is sealed never changes it (staging.repository.ts). Memory
 * stays flat however large the part: at most one line is held at a time.
 */
export async function stagePart(pool: Pool, body: Readable, opts: { batchId: number; partNo: number; coding: ContentCoding; limits: UploadLimits }): Promise<PartReceipt> {
  const { stages, decoder, receipt } = partStages(body, opts.coding, opts.limits);
  const staging = await stagePartLines(pool, opts.batchId, opts.partNo, async (copy) => {
    await runStages([...stages, ...copy.stages], decoder, opts.coding);
    return receipt(copy.lines());
  });
  if ('staged' in staging) return staging.staged;
  if (staging.refused === 'part_busy') {
    throw new ConflictError(
      `Part ${opts.partNo} of batch ${opts.batchId} is being uploaded by another request right now; wait for that upload to finish, then retry if it failed.`,
    );
  }
  throw new ConflictError(`Batch ${opts.batchId} was sealed while part ${opts.partNo} was still arriving; the part was not stored. Push new content under a new idempotency key.`);
}

/**
 * Hashes a part without storing it: a part sent again to a sealed batch must match what it
 * already holds. Its records digest (of the lines as they would be staged) lets the hub
 * recognise the same records cut into other parts.
 */
export async function hashPart(body: Readable, coding: ContentCoding, limits: UploadLimits): Promise<PartReceipt & { records: PartRecords }> {
  const { stages, decoder, receipt } = partStages(body, coding, limits);
  const records = new RecordsDigest();
  const counter = new Writable({
    objectMode: true,
    write: (line: Line, _encoding, done) => {
      records.add(line.text === null ? null : stageNul(line.text));
      done();
    },
  });
  await runStages([...stages, counter], decoder, coding);
  return { ...receipt(records.lines), records: { lines: records.lines, digest: records.digest(), first: records.first } };
}
