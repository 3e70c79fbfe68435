import { createHash } from 'node:crypto';
import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LineSplitter, type Line } from './line-splitter';
import { MAX_LINE_BYTES } from './records';

export class UploadError extends Error {
  constructor(
    readonly code: 'DECOMPRESSION_LIMIT' | 'BAD_GZIP' | 'UPLOAD_ABORTED',
    message: string,
  ) {
    super(message);
  }
}

export interface UploadLimits {
  /** Largest decompressed part accepted. */
  maxPartBytes: number;
  /** Largest decompressed/compressed ratio once past 16 MiB: a gzip bomb trips it early. */
  maxRatio: number;
}

export interface PartReceipt {
  lines: number;
  bytes: number;
  sha256: string;
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

/** Counts the bytes as they arrive (compressed, when gzip), without changing them. */
class CountBytes extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/** COPY text format: backslash, tab, newline and CR must be escaped. */
const copyEscape = (s: string) => s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** Turns lines into COPY rows of batch_lines. */
class CopyRows extends Transform {
  lines = 0;
  constructor(
    private readonly batchId: number,
    private readonly partNo: number,
  ) {
    super({ writableObjectMode: true });
  }
  override _transform(line: Line, _e: BufferEncoding, done: TransformCallback) {
    this.lines++;
    const raw = line.text === null ? '\\N' : copyEscape(line.text);
    done(null, `${this.batchId}\t${this.partNo}\t${this.lines}\t${raw}\t${line.text === null ? 't' : 'f'}\n`);
  }
}

/**
 * Streams one part of a batch into batch_lines: decompress if gzip, meter, split into
 * lines, COPY. The part replaces any earlier upload of the same part number, in one
 * transaction, so a retried upload never leaves half a part behind. Memory stays flat
 * however large the part: at most one line is held at a time.
 */
export async function stagePart(pool: pg.Pool, body: Readable, opts: { batchId: number; partNo: number; gzip: boolean; limits: UploadLimits }): Promise<PartReceipt> {
  const counted = new CountBytes();
  const meter = new Meter(opts.limits, () => (opts.gzip ? counted.bytes : 0));
  const rows = new CopyRows(opts.batchId, opts.partNo);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('delete from batch_lines where batch_id = $1 and part_no = $2', [opts.batchId, opts.partNo]);
    const copy = client.query(copyFrom('copy batch_lines (batch_id, part_no, line_no, raw, too_long) from stdin'));
    const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [body, counted];
    if (opts.gzip) stages.push(createGunzip());
    stages.push(meter, new LineSplitter(MAX_LINE_BYTES), rows, copy);
    await pipeline(stages as unknown as [Readable, NodeJS.WritableStream]).catch((error: Error & { code?: string }) => {
      if (error instanceof UploadError) throw error;
      if (error.code === 'Z_DATA_ERROR' || error.code === 'Z_BUF_ERROR') throw new UploadError('BAD_GZIP', `the part is not valid gzip: ${error.message}`);
      if (error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'ECONNRESET') throw new UploadError('UPLOAD_ABORTED', 'the upload was cut off before it ended');
      throw error;
    });
    const receipt = { lines: rows.lines, bytes: meter.bytes, sha256: meter.hash.digest('hex') };
    await client.query(
      `insert into batch_parts (batch_id, part_no, lines, bytes, sha256) values ($1, $2, $3, $4, $5)
       on conflict (batch_id, part_no) do update set lines = excluded.lines, bytes = excluded.bytes, sha256 = excluded.sha256, uploaded_at = now()`,
      [opts.batchId, opts.partNo, receipt.lines, receipt.bytes, receipt.sha256],
    );
    await client.query('commit');
    client.release();
    return receipt;
  } catch (error) {
    // A COPY cut off midway leaves the connection unusable: close it, and Postgres rolls
    // the part back.
    client.release(true);
    throw error;
  }
}

/** Hashes a part without storing it: a re-push to a sealed batch must match what it already has. */
export async function hashPart(body: Readable, gzip: boolean, limits: UploadLimits): Promise<PartReceipt> {
  const counted = new CountBytes();
  const meter = new Meter(limits, () => (gzip ? counted.bytes : 0));
  let lines = 0;
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream> = [body, counted];
  if (gzip) stages.push(createGunzip());
  stages.push(meter, new LineSplitter(MAX_LINE_BYTES));
  const counter = new Writable({
    objectMode: true,
    write: (_line, _encoding, done) => {
      lines++;
      done();
    },
  });
  stages.push(counter);
  await pipeline(stages as unknown as [Readable, NodeJS.WritableStream]);
  return { lines, bytes: meter.bytes, sha256: meter.hash.digest('hex') };
}
