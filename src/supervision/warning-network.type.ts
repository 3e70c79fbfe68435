import { Field, ID, Int, ObjectType } from 'type-graphql';
import { EntityKind } from '../entities/entity.type';

@ObjectType({ description: 'An entity that warnings link to others: a bidder sharing a fingerprint or bidding in a recurring set.' })
export class WarningNetworkNode {
  @Field(() => ID, { description: "The entity's id (filter the queue with `entityId`)." })
  id: number;

  @Field(() => String)
  name: string;

  @Field(() => EntityKind)
  kind: EntityKind;

  @Field(() => Int, { description: 'How many other entities warnings link it to (in the whole network, before any cap).' })
  degree: number;

  @Field(() => Int, { description: 'How many of the warnings name it.' })
  warnings: number;
}

@ObjectType({ description: 'Two entities linked by the same warnings, by one kind of link.' })
export class WarningNetworkEdge {
  @Field(() => ID)
  source: number;

  @Field(() => ID)
  target: number;

  @Field(() => String, {
    description: 'What links them: a shared fingerprint kind (machine 机器码, mac, ip, file 投标文件) or co_bidding (a recurring set of bidders).',
  })
  kind: string;

  @Field(() => Int, { description: 'How many warnings link them this way.' })
  warnings: number;

  @Field(() => [ID], { description: 'Those warnings, newest first.' })
  warningIds: number[];
}

@ObjectType({ description: 'Bidders linked by shared fingerprints or recurring co-bidding, from the warnings of those indicators.' })
export class WarningNetwork {
  @Field(() => [WarningNetworkNode], { description: 'The most-connected entities first.' })
  nodes: WarningNetworkNode[];

  @Field(() => [WarningNetworkEdge])
  edges: WarningNetworkEdge[];

  @Field(() => Int, { description: 'How many entities the warnings link in all, before the cap.' })
  totalNodes: number;

  @Field(() => Boolean, { description: 'True when only the most-connected `maxNodes` entities are shown (or, rarely, only the newest warnings were read).' })
  truncated: boolean;
}
