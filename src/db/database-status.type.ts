import { Field, Float, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

@ObjectType({ description: 'A streaming read replica of the system of record and whether it serves reads now.' })
export class ReadReplica {
  @Field(() => String, { description: 'host:port/database (never the credentials).' })
  name: string;

  @Field(() => Boolean, { description: 'True: lag-tolerant reads (credit lookups, entity search, lists, OCDS export) may go to it.' })
  serving: boolean;

  @Field(() => Float, { nullable: true, description: 'Seconds behind the primary at the last check; null when it did not answer.' })
  lagSeconds: number | null;

  @Field(() => String, { nullable: true, description: 'Why it is skipped (behind, not answering, not a standby); null while serving.' })
  skippedBecause: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  checkedAt: Date | null;
}

@ObjectType()
export class DatabaseStatus {
  @Field(() => Float, { description: 'A replica further behind than this is skipped (DATABASE_REPLICA_MAX_LAG_SECONDS).' })
  maxReplicaLagSeconds: number;

  @Field(() => [ReadReplica], { description: 'Empty when no replica is configured: every read goes to the primary.' })
  replicas: ReadReplica[];
}
