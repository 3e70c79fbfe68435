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

@ObjectType({ description: 'The ClickHouse cluster the analytics tables are spread over (CLICKHOUSE_CLUSTER).' })
export class AnalyticsCluster {
  @Field(() => String)
  name: string;

  @Field(() => Int)
  shards: number;

  @Field(() => Int, { description: "Replicas over all shards, as the servers' remote_servers list them." })
  replicas: number;

  @Field(() => [String], { description: 'The analytics tables read and written through Distributed tables.' })
  distributedTables: string[];
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

  @Field(() => AnalyticsCluster, { nullable: true, description: 'Null on a single ClickHouse node.' })
  cluster: AnalyticsCluster | null;
}
