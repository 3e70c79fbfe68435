import { bidsSealed, requireRole } from '../../auth/access';
import type { Caller } from '../../auth/caller';
import type { Db } from '../../db/database';
import { maskIdNumbersIn, maskIdNumbersInJson } from '../../entities/id-number';
import { BadInputError, ForbiddenError } from '../../errors/domain-errors';
import { decodeCursor, encodeCursor, pageSize } from '../../graphql/pagination';
import { pushSourceCode } from '../../registry/reference-data';
import type { Registry } from '../../registry/registry.service';
import type { RecordType } from '../records';
import { batchRuns, lineFilter, lineKey, outcomeOf, receivedLines, type LineFilter, type LinePosition, type ReceivedLine } from './history-lines';
import { batchesWithLines, bidOpenings, candidateLines, currentVersion, lineCoverage, linesRefusedOrHeld, sourceByCode, type HistoryBatch } from './record-history.repository';
import type { ReceivedVersion, RecordHistory } from './record-history.type';

export interface HistoryOptions {
  /** STAGED_LINES_RETENTION_DAYS, reported with the history. */
  retentionDays: number;
  /** After this long the scan starts no further statement and says where it stopped (default 5 s). */
  scanBudgetMs?: number;
  /** Each statement of the scan is cancelled after this long (default 5 s). */
  statementTimeoutMs?: number;
  /** About how many staged lines one statement reads (default 200,000). */
  linesPerStatement?: number;
}

export interface HistoryArgs {
  recordType: RecordType;
  recordId: string;
  platformCode: string | null;
  sourceCode: string | null;
  first: number | null;
  after: string | null;
}

const READERS = ['admin', 'platform'] as const;
const PAGE = { default: 50, max: 200 };
/** Lines one statement returns at most; more means the same batches are read on from the last one. */
const CANDIDATES = 250;
/** Batches listed per step of the scan; one run of them is read per statement. */
const BATCHES_PER_STEP = 100;
/** Before every staged line there is. */
const TOP: LinePosition = { batchId: Number.MAX_SAFE_INTEGER, partNo: 0, lineNo: 0 };

const cursorOf = (p: LinePosition) => encodeCursor([p.batchId, p.partNo, p.lineNo]);

/**
 * A record's history, read from the staged lines: every line a source sent is kept (until
 * retention prunes it), and a record's versions are the lines that carry it. Staged lines
 * have no record id column (one would cost every push a parse and an index entry per line),
 * so this is a scan of the source's lines, newest batch first: Postgres keeps only lines
 * that spell the id and type (history-lines.ts lineFilter), and each of those is parsed and
 * checked here. The scan is bounded: `first` versions at most, a run of batches per
 * statement under its own statement timeout, and no new statement once the time budget is
 * spent; where it stopped is the cursor to go on from. Admin reads any source; a platform
 * key only its own platform's, which keeps history within the sender's own data.
 */
export class RecordHistoryService {
  private readonly budgetMs: number;
  private readonly statementTimeoutMs: number;
  private readonly linesPerStatement: number;

  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    private readonly options: HistoryOptions,
  ) {
    this.budgetMs = options.scanBudgetMs ?? 5000;
    this.statementTimeoutMs = options.statementTimeoutMs ?? 5000;
    this.linesPerStatement = options.linesPerStatement ?? 200_000;
  }

  async history(caller: Caller | null, args: HistoryArgs): Promise<RecordHistory> {
    const c = requireRole(caller, READERS, 'record history');
    const first = pageSize(args.first, PAGE);
    const id = args.recordId.trim();
    if (id.length === 0 || id.length > 200) throw new BadInputError('recordId', 'a record id has 1 to 200 characters, as in the `id` of the record');
    const source = await this.source(c, args.platformCode, args.sourceCode);
    const start = args.after ? positionOf(decodeCursor('after', args.after, ['number', 'number', 'number'])) : TOP;

    const scan = await this.scan(source.id, lineFilter(args.recordType, id), args.recordType, id, start, first);
    const page = scan.found.slice(0, first);
    const [fates, current, coverage, sealed] = await Promise.all([
      linesRefusedOrHeld(this.db, page),
      currentVersion(this.db, source.id, args.recordType, id),
      lineCoverage(this.db, source.id),
      this.sealedBids(c, source.id, args.recordType, page),
    ]);
    const versions = page.map((v): ReceivedVersion => {
      const batch = scan.batches.get(v.batchId)!;
      const rejected = fates.rejected.get(lineKey(v.batchId, v.line)) ?? null;
      const withheld = sealed.has(v);
      return {
        batchId: v.batchId,
        line: v.line,
        receivedAt: batch.receivedAt,
        version: v.version,
        contentHash: v.contentHash,
        outcome: outcomeOf(v.version, { batchStatus: batch.status, rejected, held: fates.held.has(lineKey(v.batchId, v.line)) }, current),
        errors: rejected && rejected.map((e) => ({ path: maskIdNumbersIn(e.path), code: e.code, message: maskIdNumbersIn(e.message) })),
        record: withheld ? null : (maskIdNumbersInJson(v.record) as Record<string, unknown>),
        recordWithheld: withheld,
      };
    });
    const more = scan.found.length > first || scan.stoppedAt !== null;
    const end = scan.found.length > first ? page.at(-1)!.position : (scan.stoppedAt ?? page.at(-1)?.position);
    return {
      recordType: args.recordType,
      recordId: maskIdNumbersIn(id),
      sourceCode: source.code,
      versions,
      pageInfo: { hasNextPage: more, endCursor: end ? cursorOf(end) : null },
      coverage: {
        complete: coverage.prunedBatches === 0 && scan.stoppedAt === null,
        retentionDays: this.options.retentionDays,
        retainedFrom: coverage.retainedFrom,
        prunedBatches: coverage.prunedBatches,
        prunedThrough: coverage.prunedThrough,
        scanStopped: scan.stoppedAt !== null,
      },
    };
  }

  /** The data source whose lines are read: a platform key's own; for admin, the one named. */
  private async source(c: Caller, platformCode: string | null, sourceCode: string | null) {
    let code: string;
    if (c.role === 'platform') {
      const own = pushSourceCode(this.registry.platformById(c.platformId!)!.code);
      const asked = sourceCode ?? (platformCode ? pushSourceCode(platformCode) : own);
      if (asked !== own) throw new ForbiddenError(`A platform key reads the history of its own platform's records only (source ${own}), not of ${asked}.`);
      code = own;
    } else {
      if (Boolean(platformCode) === Boolean(sourceCode)) {
        throw new BadInputError(
          platformCode ? 'sourceCode' : 'platformCode',
          "name the source: platformCode for a platform's records (its pushes and ETL loads), or sourceCode for a hub-side feed (feed:<job>); one of them",
        );
      }
      code = platformCode ? pushSourceCode(this.registry.requirePlatform('platformCode', platformCode).code) : sourceCode!;
    }
    const source = await sourceByCode(this.db, code);
    if (!source) throw new BadInputError(sourceCode ? 'sourceCode' : 'platformCode', `no data source '${code}'`);
    return source;
  }

  /**
   * Reads the source's lines from `start` towards older ones until more than `first`
   * versions are found, the lines run out, or the budget is spent. At least one statement
   * runs, so every call moves the cursor on.
   */
  private async scan(sourceId: number, filter: LineFilter, type: RecordType, id: string, start: LinePosition, first: number) {
    const deadline = Date.now() + this.budgetMs;
    const found: ReceivedLine[] = [];
    const batches = new Map<number, HistoryBatch>();
    let position = start;
    for (let statements = 0; found.length <= first; statements++) {
      if (statements > 0 && Date.now() >= deadline) return { found, batches, stoppedAt: position };
      // Past a whole batch (partNo 0 is before its first line), the next one down is where to go on.
      const listed = await batchesWithLines(this.db, sourceId, position.partNo === 0 ? position.batchId - 1 : position.batchId, BATCHES_PER_STEP);
      if (listed.length === 0) break;
      for (const b of listed) batches.set(b.id, b);
      const run = batchRuns(listed, this.linesPerStatement)[0]!;
      const rows = await candidateLines(
        this.db,
        run.map((b) => b.id),
        position,
        filter,
        CANDIDATES,
        this.statementTimeoutMs,
      );
      if (rows === 'timeout') return { found, batches, stoppedAt: position };
      found.push(...receivedLines(rows, type, id));
      const last = rows.at(-1);
      position = rows.length === CANDIDATES && last ? { batchId: last.batchId, partNo: last.partNo, lineNo: last.partLineNo } : { batchId: run.at(-1)!.id, partNo: 0, lineNo: 0 };
    }
    return { found, batches, stoppedAt: null };
  }

  /**
   * The bids on this page whose project's bid opening has not passed for this caller: bid
   * contents are confidential until then (src/auth/access.ts bidsSealed), here as in
   * Project.bids. A bid whose project the hub does not hold counts as not opened.
   */
  private async sealedBids(c: Caller, sourceId: number, type: RecordType, page: ReceivedLine[]): Promise<Set<ReceivedLine>> {
    // A bid without an opening time is sealed for every key that is not admin's.
    if (type !== 'bid' || !bidsSealed(c, null)) return new Set();
    const projectOf = (v: ReceivedLine) => (typeof v.record.project === 'string' ? v.record.project.trim() : null);
    const openings = await bidOpenings(this.db, sourceId, [...new Set(page.map(projectOf).filter((p): p is string => p !== null))]);
    return new Set(page.filter((v) => bidsSealed(c, openings.get(projectOf(v) ?? '') ?? null)));
  }
}

function positionOf(key: Array<string | number>): LinePosition {
  const [batchId, partNo, lineNo] = key as number[];
  if (![batchId, partNo, lineNo].every((n) => Number.isSafeInteger(n) && n! >= 0)) throw new BadInputError('after', 'not a cursor returned by this API (use pageInfo.endCursor)');
  return { batchId: batchId!, partNo: partNo!, lineNo: lineNo! };
}
