import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Platform } from '../registry/registry.type';

@ObjectType({ description: 'How often a field is filled in the records a platform sent.' })
export class FieldCompleteness {
  @Field(() => String, { description: 'e.g. project.budget' })
  field: string;

  @Field(() => Int)
  filled: number;

  @Field(() => Int)
  total: number;

  @Field(() => Float, { nullable: true, description: 'filled / total; null when there is nothing to measure.' })
  share: number | null;
}

@ObjectType({ description: "A platform's data quality over a period (source data quality duty, seed 004 Art. 22)." })
export class PlatformDataQuality {
  platformId: number;

  @Field(() => Platform)
  platform: Platform;

  @Field(() => Int, { description: 'Batches committed, sealed within the period.' })
  batches: number;

  @Field(() => Int, { description: 'Days in the period.' })
  nightsExpected: number;

  @Field(() => Int, { description: 'Days whose nightly push was sealed by the deadline (PUSH_DEADLINE, China Standard Time).' })
  nightsDelivered: number;

  @Field(() => Float, { nullable: true, description: 'nightsDelivered / nightsExpected.' })
  timeliness: number | null;

  @Field(() => Int)
  recordsReceived: number;

  @Field(() => Int)
  recordsRejected: number;

  @Field(() => Float, { nullable: true, description: 'recordsRejected / recordsReceived.' })
  rejectionRate: number | null;

  @Field(() => Int, { description: 'Versions older than what the hub held: sent again needlessly or out of order.' })
  recordsStale: number;

  @Field(() => Int, { description: 'Records waiting now for something they refer to.' })
  heldNow: number;

  @Field(() => DateTimeISOResolver, { nullable: true })
  lastBatchSealedAt: Date | null;

  @Field(() => [FieldCompleteness], { description: 'Optional project fields filled, over projects registered in the period.' })
  completeness: FieldCompleteness[];
}
