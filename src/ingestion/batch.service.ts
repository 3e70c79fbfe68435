import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '../errors/domain-errors';
import { decodeCursor, pageSize, toConnection } from '../graphql/pagination';
import type { Registry } from '../registry/registry.service';
import { maskIdNumber, maskIdNumbersIn, maskIdNumbersInJson } from '../entities/id-number';
import { parseId } from '../trading/project.service';
import type { Tx } from '../db/tx';
import type { BatchProcessor } from './batch-processor';
import { digestOfStagedLines, isRunOfBatch } from './batch-records';
import {
  findBatch,
  findPart,
  openOrFindBatch,
  pageRejections,
  pushSourceId,
  reopenFailedBatch,
  sealUnderLock,
  type BatchPartRow,
  type BatchRow,
  type RejectionRow,
  type SealDeclaration,
} from './batch.repository';
import { guardBody, type BodyLimits } from './body-guard';
import type { ContentCoding } from './content-coding';
import { hashPart, stagePart, type PartReceipt, type UploadLimits } from './upload';
import { UploadSlots } from './upload-slots';
import { EMPTY_SHA256 } from './records-digest';

export const PUSHERS = ['admin', 'platform'] as const;
const MAX_PARTS = 10_000;

/** A part number as the upload URL gives it: plain digits from 1, no sign, exponent, space or leading zero. */
export function parsePartNo(arg: string): number {
  if (!/^[1-9][0-9]{0,4}$/.test(arg) || Number(arg) > MAX_PARTS) {
    throw new BadInputError('partNo', `parts are numbered 1 to ${MAX_PARTS} in plain digits, not '${arg.slice(0, 20)}'`);
  }
  return Number(arg);
}

/** What an upload needs settled before a byte of its body is read. */
export interface UploadTarget {
  batch: BatchRow;
  partNo: number;
  coding: ContentCoding;
}

/**
 * Checks the parts at sealing: numbered without gaps, the declared count and digest. The
 * digest may be the parts' (of the one part, or of the parts' digests) or the records
 * digest, which does not depend on the parts (records-digest.ts); the latter is read from
 * the staged lines only when the former does not match. No parts at all is an empty night,
 * sealed with count 0 and the SHA-256 of nothing. Throws to refuse.
 */
export async function checkSeal(
  batchId: number,
  parts: BatchPartRow[],
  recordCount: number,
  declared: string,
  recordsDigest: () => Promise<string | null>,
): Promise<SealDeclaration> {
  if (parts.length === 0) {
    if (recordCount === 0 && declared === EMPTY_SHA256) return { count: 0, sha256: declared, contentSha256: declared };
    throw new BadInputError('id', `batch ${batchId} has no parts; upload to its uploadUrl first (an empty night is sealed with recordCount 0 and sha256 ${EMPTY_SHA256})`);
  }
  const gap = parts.findIndex((p, i) => p.partNo !== i + 1);
  if (gap !== -1) throw new BadInputError('id', `part ${gap + 1} is missing; parts must be numbered 1, 2, 3 … without gaps`);
  const lines = parts.reduce((n, p) => n + p.lines, 0);
  if (lines !== recordCount) throw new BadInputError('recordCount', `declared ${recordCount} records, but the parts hold ${lines} non-empty lines`);
  const digest = batchDigest(parts.map((p) => p.sha256));
  if (digest === declared) return { count: recordCount, sha256: declared, contentSha256: digest };
  const records = await recordsDigest();
  if (records === declared) return { count: recordCount, sha256: declared, contentSha256: records };
  throw new BadInputError(
    'sha256',
    `declared ${declared}, but the content received hashes to ${digest}${parts.length > 1 ? " (the SHA-256 of the parts' digests, one per line)" : ''}` +
      (records ? `, and its records digest is ${records}` : ''),
  );
}

/** The digest a sender declares at sealing: of the one part, or of the parts' digests. */
export function batchDigest(partDigests: string[]): string {
  if (partDigests.length === 1) return partDigests[0]!;
  return createHash('sha256').update(partDigests.join('\n'), 'utf8').digest('hex');
}

/**
 * The push protocol (docs/push-protocol.md): open a batch under an idempotency key, upload
 * its parts, seal it with the count and digest, then read the receipt.
 */
export class BatchService {
  /** Push source ids by platform code: fixed once the reference data is loaded. */
  private readonly sourceIds = new Map<string, number>();
  /** Part uploads streaming now: at most as many as the upload pool has connections. */
  readonly uploads: UploadSlots;

  constructor(
    private readonly database: Database,
    private readonly registry: Registry,
    private readonly processor: BatchProcessor,
    private readonly limits: UploadLimits & BodyLimits & { page: { default: number; max: number } },
  ) {
    this.uploads = new UploadSlots(database.uploadPool.options.max ?? 4);
  }

  private async sourceFor(caller: Caller, platformCode: string | null | undefined): Promise<number> {
    let code: string;
    if (caller.role === 'platform') {
      const own = this.registry.platformById(caller.platformId!)!;
      if (platformCode && platformCode !== own.code) throw new ForbiddenError(`This key pushes for platform ${own.code}, not ${platformCode}.`);
      code = own.code;
    } else {
      if (!platformCode) throw new BadInputError('platformCode', 'an admin key must say which platform the batch is for');
      code = this.registry.requirePlatform('platformCode', platformCode).code;
    }
    let id = this.sourceIds.get(code);
    if (id === undefined) {
      id = await pushSourceId(this.database.db, code);
      this.sourceIds.set(code, id);
    }
    return id;
  }

  /**
   * The push sources whose batches the caller may list: its own platform's (naming another
   * is FORBIDDEN), or for admin the named platform's, or every source (null).
   */
  async readableSources(caller: Caller | null, platformCode: string | null | undefined): Promise<number[] | null> {
    const c = requireRole(caller, PUSHERS, 'batches');
    if (c.role !== 'platform' && !platformCode) return null;
    return [await this.sourceFor(c, platformCode)];
  }

  /** A batch the caller may see: its own platform's, or any for admin. */
  async batch(caller: Caller | null, idArg: string | number): Promise<BatchRow> {
    const c = requireRole(caller, PUSHERS, 'batches');
    const id = typeof idArg === 'number' ? idArg : parseId('id', idArg);
    const batch = await findBatch(this.database.db, id);
    if (!batch) throw new NotFoundError('Batch', String(id));
    if (c.role === 'platform' && batch.sourceId !== (await this.sourceFor(c, null))) throw new NotFoundError('Batch', String(id));
    return batch;
  }

  async open(caller: Caller | null, idempotencyKey: string, platformCode?: string | null): Promise<BatchRow> {
    const c = requireRole(caller, PUSHERS, 'batches');
    const key = idempotencyKey.trim();
    if (!key || key.length > 200) throw new BadInputError('idempotencyKey', 'give 1 to 200 characters that name this batch, e.g. the date and run');
    const batch = await openOrFindBatch(this.database.db, await this.sourceFor(c, platformCode), key);
    return batch.status === 'failed' ? reopenFailedBatch(this.database.db, batch.id) : batch;
  }

  /** Who may upload which part, settled from the URL and headers alone (the route's onRequest hook). */
  async uploadTarget(caller: Caller | null, idArg: string, partArg: string, coding: ContentCoding): Promise<UploadTarget> {
    const batch = await this.batch(caller, idArg);
    return { batch, partNo: parsePartNo(partArg), coding };
  }

  /**
   * Reads one part's body: into the batch while it is open, or only hashed against the part
   * it holds once sealed. Takes one of the upload slots for as long as the body streams.
   */
  async uploadPart(target: UploadTarget, body: Readable): Promise<PartReceipt & { partNo: number; alreadyReceived: boolean }> {
    const release = this.uploads.take();
    try {
      const { batch, partNo, coding } = target;
      const guarded = guardBody(body, this.limits);
      if (batch.status === 'open') {
        const receipt = await stagePart(this.database.uploadPool, guarded, { batchId: batch.id, partNo, coding, limits: this.limits });
        return { ...receipt, partNo, alreadyReceived: false };
      }
      // Sealed already: nothing is stored. The same records again (in this part, or cut into
      // parts otherwise) change nothing; records the batch was not sealed with are a conflict.
      const { records, ...receipt } = await hashPart(guarded, coding, this.limits);
      const stored = await findPart(this.database.db, batch.id, partNo);
      if (stored?.sha256 !== receipt.sha256 && !(await isRunOfBatch(this.database.db, batch.id, records))) {
        throw new ConflictError(`Batch ${batch.id} is already sealed, and part ${partNo} holds records it was not sealed with; push new content under a new idempotency key.`);
      }
      return { ...receipt, partNo, alreadyReceived: true };
    } finally {
      release();
    }
  }

  async seal(caller: Caller | null, idArg: string, recordCount: number, sha256: string): Promise<BatchRow> {
    const batch = await this.batch(caller, idArg);
    const declared = sha256.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(declared)) throw new BadInputError('sha256', 'a SHA-256 digest as 64 hexadecimal characters');
    if (!['open', 'failed'].includes(batch.status)) {
      if (batch.declaredCount === recordCount && (batch.declaredSha256 === declared || (await this.holdsRecords(batch, declared)))) return batch;
      throw new ConflictError(
        `Batch ${batch.id} (key '${batch.idempotencyKey}') was sealed with ${batch.declaredCount} records and SHA-256 ${batch.declaredSha256}; new content needs a new idempotency key. ` +
          '(The same records sent again in other parts are recognised by their records digest: see docs/push-protocol.md.)',
      );
    }
    const check = (parts: BatchPartRow[], tx: Tx) => checkSeal(batch.id, parts, recordCount, declared, async () => (await digestOfStagedLines(tx, batch.id)).digest);
    const sealed = await sealUnderLock(this.database.db, batch.id, check);
    if (!sealed) return this.seal(caller, idArg, recordCount, sha256); // sealed concurrently: answer as for a re-seal
    this.processor.enqueue(batch.id);
    // The batch as this call sealed it, not read again: by then a processor (this process's
    // or another's) may have marked it 'processing', and the sender would not see its seal.
    return sealed;
  }

  /** Whether a sealed batch's records, as staged, have this records digest (false once retention pruned them). */
  private async holdsRecords(batch: BatchRow, declared: string): Promise<boolean> {
    if (batch.declaredCount === 0) return declared === EMPTY_SHA256;
    const staged = await digestOfStagedLines(this.database.db, batch.id);
    return staged.lines === batch.declaredCount && staged.digest === declared;
  }

  async rejections(batch: BatchRow, first: number | null | undefined, after: string | null | undefined) {
    const size = pageSize(first, this.limits.page);
    const afterLine = after ? (decodeCursor('after', after, ['number'])[0] as number) : 0;
    const rows = await pageRejections(this.database.db, batch.id, afterLine, size + 1);
    return { ...toConnection(rows, size, toRejection, (r) => [r.lineNo]), countTotal: async () => batch.recordsRejected };
  }

  /** All rejections of a batch, in line order, a page at a time: for the NDJSON download. */
  async *allRejections(batch: BatchRow): AsyncGenerator<RejectionRow> {
    let after = 0;
    for (;;) {
      const rows = await pageRejections(this.database.db, batch.id, after, 1000);
      if (rows.length === 0) return;
      yield* rows;
      after = rows.at(-1)!.lineNo;
    }
  }
}

/** ID numbers are masked in rejected lines too: quarantine is no way round masking. */
// Any "…idNumber" field is masked whatever its value (a line is often rejected for a mistyped
// one); ID numbers anywhere else in the line (a name, an address) are masked by the text masker.
const ID_NUMBER_FIELD = /("[^"\\]*idNumber"\s*:\s*")([^"]*)(")/gi;

// A JSON escape of a digit, X or letter of a key (\u0031, \u004e) can spell an ID number or
// an "idNumber" key that no text search sees; such a line is masked value by value instead.
const ESCAPED_CHARACTER = /\\u00[0-9a-f]{2}/i;

export function toRejection(r: RejectionRow) {
  return { line: r.lineNo, recordType: r.recordType, recordId: r.recordId, errors: r.errors, raw: r.raw == null ? null : maskRejectedLine(r.raw) };
}

function maskRejectedLine(raw: string): string {
  if (ESCAPED_CHARACTER.test(raw)) {
    try {
      return JSON.stringify(maskIdNumbersInJson(JSON.parse(raw) as unknown));
    } catch {
      // Not JSON: the text masking below is all there is to go on.
    }
  }
  return maskIdNumbersIn(raw.replace(ID_NUMBER_FIELD, (_m, open: string, value: string, close: string) => `${open}${maskIdNumber(value)}${close}`));
}
