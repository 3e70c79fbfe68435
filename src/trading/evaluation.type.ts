import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../graphql/pagination';
import { Provenance } from '../graphql/provenance.type';
import { CommitteeRole } from './trading.enums';

registerEnumType(CommitteeRole, { name: 'CommitteeRole', description: 'chair: 组长; member: 成员; initiator_representative: 业主/采购人代表.' });

@ObjectType({ description: 'A bid opening (开标) as it happened.' })
export class BidOpening {
  @Field(() => ID)
  id: number;

  @Field(() => DateTimeISOResolver)
  openedAt: Date;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => Boolean, { description: 'Opened remotely (不见面开标).' })
  isRemote: boolean;

  @Field(() => Int, { nullable: true })
  bidsReceived: number | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: 'An evaluation expert (评标评审专家) of the region-wide pool. The ID number is always masked.' })
export class Expert {
  @Field(() => ID)
  id: number;

  @Field(() => String, { description: 'The region-wide expert code that evaluations name members by.' })
  expertCode: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true, description: 'Always masked (e.g. 1529**********123X).' })
  idNumber: string | null;

  @Field(() => String, { nullable: true })
  specialty: string | null;

  @Field(() => String, { nullable: true })
  regionCode: string | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: "An expert's seat on an evaluation committee." })
export class CommitteeMember {
  expertId: number;

  @Field(() => CommitteeRole)
  role: CommitteeRole;
}

@ObjectType({ description: 'An evaluation committee (评标委员会) and its report; may sit remotely across regions (远程异地评标).' })
export class Evaluation {
  @Field(() => ID)
  id: number;

  projectId: number;

  @Field(() => DateTimeISOResolver)
  formedAt: Date;

  @Field(() => Boolean)
  isRemote: boolean;

  @Field(() => Boolean)
  isCrossRegion: boolean;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the committee reported; its members are confidential until then.' })
  reportedAt: Date | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType()
export class ExpertConnection extends Connection(Expert) {}
