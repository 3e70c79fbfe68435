import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One run of a scheduled ETL job.' })
export class EtlRun {
  @Field(() => ID) id: number;
  @Field(() => String) job: string;
  @Field(() => String, { description: 'schedule or manual' }) trigger: string;
  @Field(() => String, { description: 'running, succeeded, failed, or skipped (another run was still going)' }) status: string;
  @Field(() => DateTimeISOResolver) startedAt: Date;
  @Field(() => DateTimeISOResolver, { nullable: true }) finishedAt: Date | null;
  @Field(() => Int) attempts: number;
  @Field(() => Int) batches: number;
  @Field(() => Int) records: number;
  @Field(() => Int) stored: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int) held: number;
  @Field(() => String, { nullable: true }) watermarkBefore: string | null;
  @Field(() => String, { nullable: true }) watermarkAfter: string | null;
  @Field(() => String, { nullable: true }) error: string | null;
}
