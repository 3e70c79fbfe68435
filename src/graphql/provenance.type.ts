import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';

@ObjectType({ description: "Where a stored record came from (可溯可查): source, batch, the source's own id and version." })
export class Provenance {
  @Field(() => ID)
  sourceId: number;

  @Field(() => ID)
  batchId: number;

  @Field(() => String)
  sourceRecordId: string;

  @Field(() => DateTimeISOResolver)
  sourceVersion: Date;

  @Field(() => DateTimeISOResolver)
  ingestedAt: Date;
}

export interface ProvenanceColumns {
  sourceId: number;
  batchId: number;
  sourceRecordId: string;
  sourceVersion: Date;
  ingestedAt: Date;
}

export function provenanceOf(row: ProvenanceColumns): Provenance {
  return {
    sourceId: row.sourceId,
    batchId: row.batchId,
    sourceRecordId: row.sourceRecordId,
    sourceVersion: row.sourceVersion,
    ingestedAt: row.ingestedAt,
  };
}
