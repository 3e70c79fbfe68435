import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { BatchStatus } from './batch.enums';
import type { BatchRow } from './batch.repository';

export { BatchStatus };

registerEnumType(BatchStatus, {
  name: 'BatchStatus',
  description: 'open: accepting parts; sealed: queued; processing: being stored; committed: stored and in the ledger; failed: nothing stored, seal again to retry.',
});

@ObjectType({ description: 'What the hub did with one record, by line.' })
export class RecordErrorType {
  @Field(() => String, { description: 'JSON path of the field at fault, e.g. bidder.uscc; empty for the whole line.' })
  path: string;

  @Field(() => String, { description: 'Error code (see docs/push-protocol.md).' })
  code: string;

  @Field(() => String)
  message: string;
}

@ObjectType({ description: 'A record the hub refused, kept in quarantine with its errors.' })
export class Rejection {
  @Field(() => Int, { description: 'Line number in the batch, counting non-empty lines across parts from 1.' })
  line: number;

  @Field(() => String, { nullable: true })
  recordType: string | null;

  @Field(() => String, { nullable: true })
  recordId: string | null;

  @Field(() => [RecordErrorType])
  errors: RecordErrorType[];

  @Field(() => String, { nullable: true, description: 'The line as sent, ID numbers masked (null when it was over the size limit).' })
  raw: string | null;
}

@ObjectType()
export class RejectionConnection extends Connection(Rejection) {}

@ObjectType({ description: "Counts of a batch's records by outcome. received = stored + unchanged + stale + held + rejected." })
export class BatchCounts {
  @Field(() => Int) received: number;
  @Field(() => Int, { description: 'New records and newer versions, stored.' }) stored: number;
  @Field(() => Int, { description: 'The same version again: nothing to do.' }) unchanged: number;
  @Field(() => Int, { description: 'Older than the version the hub holds: kept in nothing, changed nothing.' }) stale: number;
  @Field(() => Int, { description: 'Waiting for a record they refer to (e.g. a bid whose project has not arrived).' }) held: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int, { description: 'Held records of earlier batches that this batch let the hub store.' }) released: number;
}

@ObjectType({ description: 'A push batch (推送批次) and its receipt.' })
export class Batch {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  idempotencyKey: string;

  @Field(() => BatchStatus)
  status: BatchStatus;

  @Field(() => String, { description: 'PUT each part (NDJSON, optionally gzip) to this path with {partNo} = 1, 2, …' })
  uploadUrl: string;

  @Field(() => Int, { nullable: true })
  declaredCount: number | null;

  @Field(() => String, { nullable: true })
  declaredSha256: string | null;

  @Field(() => Int, { description: 'Lines read so far while processing.' })
  progressLines: number;

  @Field(() => BatchCounts)
  counts: BatchCounts;

  @Field(() => String, { nullable: true, description: 'Why the batch failed, when it did.' })
  error: string | null;

  @Field(() => DateTimeISOResolver)
  createdAt: Date;

  @Field(() => DateTimeISOResolver, { nullable: true })
  sealedAt: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  committedAt: Date | null;

  @Field(() => String, { description: 'GET this path for all rejections as NDJSON, to fix and re-send.' })
  rejectionsUrl: string;
}

/** A batch row as the API shows it: its receipt, and where to upload and download. */
export function toBatch(row: BatchRow): Batch {
  return {
    ...row,
    uploadUrl: `/push/batches/${row.id}/parts/{partNo}`,
    rejectionsUrl: `/push/batches/${row.id}/rejections.ndjson`,
    counts: {
      received: row.recordsReceived,
      stored: row.recordsStored,
      unchanged: row.recordsUnchanged,
      stale: row.recordsStale,
      held: row.recordsHeld,
      rejected: row.recordsRejected,
      released: row.recordsReleased,
    },
  };
}
