import { DateTimeISOResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumObject } from '../../db/enums';
import { PageInfo } from '../../graphql/pagination';
import { RecordErrorType } from '../batch.type';
import { RECORD_TYPES, type RecordType as PushRecordType } from '../records';
import { OUTCOMES } from './history-lines';

/** The push protocol's record types, as the `type` of each line: one definition (records/index.ts), here its GraphQL view. */
export const RecordType = enumObject(RECORD_TYPES as [PushRecordType, ...PushRecordType[]]);
registerEnumType(RecordType, { name: 'RecordType', description: 'A record type of the push protocol, as sent in the `type` of each line (docs/push-protocol.md §3).' });

export const VersionOutcome = enumObject(OUTCOMES);
registerEnumType(VersionOutcome, {
  name: 'VersionOutcome',
  description: 'What became of one received line of a record.',
  valuesConfig: {
    CURRENT: { description: 'Its version is the one the hub holds now (a re-delivery of that version too).' },
    SUPERSEDED: { description: 'Older than the version the hub holds now: replaced by a newer one, or stale on arrival.' },
    REJECTED: { description: "Refused; `errors` says why (the batch's rejections list it too)." },
    HELD: { description: 'Valid, waiting for a record it refers to (e.g. its project) that has not arrived yet.' },
    PENDING: { description: 'Its batch is not processed yet (open, sealed or processing).' },
    NOT_STORED: { description: 'Its batch failed (nothing of it was stored), or the hub holds no row for the record.' },
  },
});

@ObjectType({ description: 'One line that carried the record: a version as the hub received it, and what became of it.' })
export class ReceivedVersion {
  @Field(() => ID)
  batchId: number;

  @Field(() => Int, { description: 'Line number in the batch, counting non-empty lines across parts from 1 (as in Batch.rejections).' })
  line: number;

  @Field(() => DateTimeISOResolver, { description: 'When the hub had the whole batch (sealed); while the batch is still open, when it was opened.' })
  receivedAt: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "The record's version timestamp as sent; null when the line's version is not a timestamp." })
  version: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'SHA-256 (hex) of the canonical form of the validated record, as the hub keeps it in the record head and the ledger; null when the line is not a valid record.',
  })
  contentHash: string | null;

  @Field(() => VersionOutcome)
  outcome: (typeof OUTCOMES)[number];

  @Field(() => [RecordErrorType], { nullable: true, description: 'Why it was refused (REJECTED only).' })
  errors: RecordErrorType[] | null;

  @Field(() => JSONObjectResolver, {
    nullable: true,
    description: 'The line as sent, parsed, with ID numbers masked; null when withheld (see recordWithheld).',
  })
  record: Record<string, unknown> | null;

  @Field(() => Boolean, { description: "The record is withheld from this key: a bid before its project's bid opening, for every key but admin." })
  recordWithheld: boolean;
}

@ObjectType({ description: "How far back a source's staged lines reach, and so a record's history." })
export class HistoryCoverage {
  @Field(() => Boolean, { description: 'No line of the source was pruned and the scan read every retained line it needed: nothing can be missing.' })
  complete: boolean;

  @Field(() => Int, { description: 'STAGED_LINES_RETENTION_DAYS: lines of finished batches older than this are pruned (0: kept forever).' })
  retentionDays: number;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the oldest batch of the source whose lines are still kept was received: history reaches back to it.' })
  retainedFrom: Date | null;

  @Field(() => Int, { description: 'Batches of the source whose lines retention has pruned: versions sent in them are not listed.' })
  prunedBatches: number;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the newest of the pruned batches was received: history before this may be incomplete.' })
  prunedThrough: Date | null;

  @Field(() => Boolean, {
    description: 'The scan stopped at its time limit before reading every retained line: ask again with after: pageInfo.endCursor to go on from where it stopped.',
  })
  scanStopped: boolean;
}

@ObjectType({ description: "A record's history: every line its source sent for it, from the hub's staged lines, newest first." })
export class RecordHistory {
  @Field(() => RecordType)
  recordType: PushRecordType;

  @Field(() => String)
  recordId: string;

  @Field(() => String, { description: 'The data source read: push:<platform code> for a platform (its pushes and its ETL loads), feed:<job> for a hub-side feed.' })
  sourceCode: string;

  @Field(() => [ReceivedVersion], { description: 'Newest first: later batches first, later lines of a batch first. Up to `first`.' })
  versions: ReceivedVersion[];

  @Field(() => PageInfo, { description: 'hasNextPage: older lines may follow (the page is full, or the scan stopped); pass endCursor as `after` to read on.' })
  pageInfo: PageInfo;

  @Field(() => HistoryCoverage)
  coverage: HistoryCoverage;
}
