import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';

@ObjectType({ description: 'A figure on which Postgres and the analytics store disagree.' })
export class ReconciliationDifference {
  @Field(() => String)
  table: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the rows count under (China Standard Time); null for a table without one.' })
  day: string | null;

  @Field(() => String, { description: 'rows or amount' })
  measure: string;

  @Field(() => String)
  postgres: string;

  @Field(() => String)
  analytics: string;
}

@ObjectType()
export class ReconciliationTable {
  @Field(() => String)
  table: string;

  @Field(() => Int)
  postgresRows: number;

  @Field(() => Int)
  analyticsRows: number;

  @Field(() => String, { nullable: true })
  postgresAmount: string | null;

  @Field(() => String, { nullable: true })
  analyticsAmount: string | null;
}

@ObjectType({ description: 'Postgres (the system of record) against the analytics store, per table and day.' })
export class AnalyticsReconciliation {
  @Field(() => [ReconciliationTable])
  tables: ReconciliationTable[];

  @Field(() => [ReconciliationDifference], { description: 'Empty when the two agree.' })
  differences: ReconciliationDifference[];

  @Field(() => Int, { description: 'Committed batches not synced yet; their rows show as differences until the sync runs.' })
  pendingBatches: number;
}

@ObjectType()
export class AnalyticsStatus {
  @Field(() => String, { description: 'embedded (chdb in the hub process) or server.' })
  engine: string;

  @Field(() => String)
  version: string;

  @Field(() => Int, { description: 'Committed batches waiting for the sync.' })
  pendingBatches: number;

  @Field(() => DateTimeISOResolver, { nullable: true })
  oldestPendingCommittedAt: Date | null;
}
