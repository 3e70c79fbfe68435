import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { BadInputError } from '../errors/domain-errors';
import { decodeCursor, pageSize, toConnection } from '../graphql/pagination';
import { startOfChinaDay } from '../graphql/scalars';
import type { BatchFilter } from './batch-list.type';
import { countBatches, countHeldOfBatch, countHeldOfSources, heldOfBatch, heldOfSources, pageBatches, type BatchQuery, type HeldRow } from './batch-list.repository';
import type { BatchRow } from './batch.repository';
import type { BatchService } from './batch.service';
import type { HeldRecord } from './batch-list.type';

const DAY_MS = 86_400_000;

export function toHeldRecord(row: HeldRow): HeldRecord {
  return { ...row, line: row.lineNo } as HeldRecord;
}

/**
 * What a sender reads back about its pushes: its batches, newest first, and the records
 * held waiting for something they refer to. A platform key sees only its own platform's
 * batches (BatchService.readableSources); admin sees every source's.
 */
export class BatchListService {
  constructor(
    private readonly db: Db,
    private readonly batches: BatchService,
    private readonly pageLimits: { default: number; max: number },
  ) {}

  async list(caller: Caller | null, filter: BatchFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    const sourceIds = await this.batches.readableSources(caller, filter?.platformCode);
    const size = pageSize(first, this.pageLimits);
    const cursor = after ? decodeCursor('after', after, ['string', 'number']) : null;
    const cursorTime = cursor ? new Date(cursor[0] as string) : null;
    if (cursorTime && Number.isNaN(cursorTime.getTime())) throw new BadInputError('after', 'not a cursor returned by this API');
    if (filter?.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo) {
      throw new BadInputError('filter.createdFrom', `${filter.createdFrom} is after createdTo ${filter.createdTo}`);
    }
    const query: BatchQuery = {
      sourceIds,
      statuses: filter?.statuses?.length ? filter.statuses : null,
      createdFrom: filter?.createdFrom ? startOfChinaDay(filter.createdFrom) : null,
      createdBefore: filter?.createdTo ? new Date(startOfChinaDay(filter.createdTo).getTime() + DAY_MS) : null,
    };
    const rows = await pageBatches(this.db, query, cursorTime ? { createdAt: cursorTime, id: cursor![1] as number } : null, size + 1);
    return {
      ...toConnection(
        rows,
        size,
        (r) => r,
        (r) => [r.createdAt.toISOString(), r.id],
      ),
      countTotal: () => countBatches(this.db, query),
    };
  }

  /** A batch's held records in line order, waiting or since released; the batch was checked by the caller. */
  async heldOfBatch(batch: BatchRow, first: number | null | undefined, after: string | null | undefined) {
    const size = pageSize(first, this.pageLimits);
    const afterLine = after ? (decodeCursor('after', after, ['number'])[0] as number) : 0;
    const rows = await heldOfBatch(this.db, batch.id, afterLine, size + 1);
    return { ...toConnection(rows, size, toHeldRecord, (r) => [r.lineNo]), countTotal: () => countHeldOfBatch(this.db, batch.id) };
  }

  /** The records still waiting across the caller's batches, oldest first. */
  async held(caller: Caller | null, platformCode: string | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    const sourceIds = await this.batches.readableSources(caller, platformCode);
    const size = pageSize(first, this.pageLimits);
    const afterId = after ? (decodeCursor('after', after, ['number'])[0] as number) : 0;
    const rows = await heldOfSources(this.db, sourceIds, afterId, size + 1);
    return { ...toConnection(rows, size, toHeldRecord, (r) => [r.id]), countTotal: () => countHeldOfSources(this.db, sourceIds) };
  }
}
