import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class LedgerProblemType {
  @Field(() => ID)
  batchId: number;

  @Field(() => Int, { description: 'Position of the batch in the ledger.' })
  seq: number;

  @Field(() => String)
  problem: string;
}

@ObjectType({ description: 'The result of walking the ingestion ledger (存证) and re-hashing what it seals.' })
export class LedgerVerification {
  @Field(() => Boolean)
  ok: boolean;

  @Field(() => Int)
  entriesChecked: number;

  @Field(() => Int, { description: "Entries whose digest was recomputed from their batch's staged lines, and their batch's rows checked against them." })
  digestsRecomputed: number;

  @Field(() => Int, {
    description: 'Entries checked by the chain only: their staged lines were pruned by retention, or they were sealed before digests covered staged lines (migration 0010).',
  })
  chainOnly: number;

  @Field(() => ID, { nullable: true, description: 'The first batch, in ledger order, whose stored records no longer match.' })
  firstBadBatchId: number | null;

  @Field(() => [LedgerProblemType])
  problems: LedgerProblemType[];
}
