import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { DateScalar } from '../graphql/scalars';
import { RecordType } from './history/record-history.type';
import { Batch, BatchStatus } from './batch.type';

@InputType({ description: 'Narrows a list of batches; all given conditions must hold.' })
export class BatchFilter {
  @Field(() => [BatchStatus], { nullable: true, description: 'Any of these statuses.' })
  statuses?: BatchStatus[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Opened on or after this day (China Standard Time).' })
  createdFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Opened on or before this day (China Standard Time).' })
  createdTo?: string | null;

  @Field(() => String, { nullable: true, description: "Admin: this platform's pushes only. A platform key may name only its own platform." })
  platformCode?: string | null;
}

@ObjectType()
export class BatchConnection extends Connection(Batch) {}

@ObjectType({
  description:
    'A valid record held until what it refers to arrives (a bid whose project comes in a later batch); then stored and linked. The record itself is not shown: you sent it.',
})
export class HeldRecord {
  @Field(() => ID, { description: 'The batch that delivered it.' })
  batchId: number;

  @Field(() => Int, { description: 'Line number in that batch, counting non-empty lines across parts from 1.' })
  line: number;

  @Field(() => RecordType)
  recordType: string;

  @Field(() => String, { description: 'Your id of the record.' })
  recordId: string;

  @Field(() => RecordType, { description: 'The type of the record it waits for: its project, contract, …, or an expert.' })
  awaitingType: string;

  @Field(() => String, { description: 'Your id of the record it waits for; for an expert, the expertCode.' })
  awaitingId: string;

  @Field(() => DateTimeISOResolver)
  heldAt: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When it was stored, once what it waits for arrived; null while it waits.' })
  releasedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The batch whose records let the hub store it.' })
  releasedByBatchId: number | null;
}

@ObjectType()
export class HeldRecordConnection extends Connection(HeldRecord) {}
