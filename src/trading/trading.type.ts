import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Provenance } from '../graphql/provenance.type';
import { DateScalar, DecimalScalar } from '../graphql/scalars';
import { BidStatus, ComplaintKind, ComplaintResult, ContractStatus, DepositForm, NoticeKind } from './trading.enums';

registerEnumType(BidStatus, { name: 'BidStatus', description: 'valid, disqualified (否决/无效投标), withdrawn (撤回).' });
registerEnumType(DepositForm, { name: 'DepositForm', description: '现金, 银行保函, 电子保函, 信用承诺, none.' });
registerEnumType(NoticeKind, { name: 'NoticeKind', description: '招标/采购公告, 变更, 澄清, 中标候选人公示, 结果公告, 终止公告.' });
registerEnumType(ComplaintKind, { name: 'ComplaintKind', description: '异议, 质疑, 投诉.' });
registerEnumType(ComplaintResult, { name: 'ComplaintResult' });
registerEnumType(ContractStatus, { name: 'ContractStatus' });

@ObjectType({ description: 'A lot or section (标段/包) of a project.' })
export class Lot {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  lotCode: string;

  @Field(() => String)
  name: string;

  @Field(() => DecimalScalar, { nullable: true })
  budget: string | null;

  @Field(() => String, { description: 'ISO 4217 currency of the amounts (CNY unless the record said otherwise).' })
  currency: string;
}

@ObjectType({ description: 'A published notice (交易公告).' })
export class Notice {
  @Field(() => ID)
  id: number;

  @Field(() => NoticeKind)
  kind: NoticeKind;

  @Field(() => String)
  title: string;

  @Field(() => DateTimeISOResolver)
  publishedAt: Date;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: 'The technical fingerprint of a bid file, compared across bidders to detect collusion.' })
export class BidFileFingerprint {
  @Field(() => String, { nullable: true, description: 'Code of the machine that produced the bid file.' })
  machineCode: string | null;

  @Field(() => String, { nullable: true })
  macAddress: string | null;

  @Field(() => String, { nullable: true })
  ipAddress: string | null;

  @Field(() => String, { nullable: true })
  fileHash: string | null;
}

@ObjectType({ description: "A respondent's bid (投标/响应). Only visible after bid opening." })
export class Bid {
  @Field(() => ID)
  id: number;

  bidderId: number;

  @Field(() => DecimalScalar, { nullable: true })
  price: string | null;

  @Field(() => String, { description: 'ISO 4217 currency of the amounts (CNY unless the record said otherwise).' })
  currency: string;

  @Field(() => DateTimeISOResolver)
  submittedAt: Date;

  @Field(() => DepositForm)
  depositForm: DepositForm;

  @Field(() => BidFileFingerprint)
  fingerprint: BidFileFingerprint;

  @Field(() => BidStatus, { description: 'valid, disqualified (否决投标) or withdrawn (撤回).' })
  status: BidStatus;

  @Field(() => String, { nullable: true, description: 'Why the committee disqualified the bid.' })
  statusReason: string | null;

  @Field(() => Float, { nullable: true, description: 'The evaluation total score (综合得分), where the method scores bids.' })
  score: number | null;

  @Field(() => Int, { nullable: true, description: "The bid's rank in the evaluation (排名)." })
  rank: number | null;

  @Field(() => String, { nullable: true, description: "The section (标段/包) the bid answers: a lot's lotCode in the project's lots; null for a project of one section." })
  lotCode: string | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: 'A confirmed award (中标/成交结果).' })
export class Award {
  @Field(() => ID)
  id: number;

  winnerId: number;

  @Field(() => DecimalScalar)
  amount: string;

  @Field(() => String, { description: 'ISO 4217 currency of the amounts (CNY unless the record said otherwise).' })
  currency: string;

  @Field(() => DateTimeISOResolver)
  awardedAt: Date;

  @Field(() => DateTimeISOResolver, { nullable: true })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The section (标段/包) awarded: a lot's lotCode in the project's lots; null for a project of one section." })
  lotCode: string | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: 'A signed contract (合同).' })
export class Contract {
  @Field(() => ID)
  id: number;

  supplierId: number;

  @Field(() => String, { nullable: true })
  contractCode: string | null;

  @Field(() => DecimalScalar)
  amount: string;

  @Field(() => String, { description: 'ISO 4217 currency of the amounts (CNY unless the record said otherwise).' })
  currency: string;

  @Field(() => DateTimeISOResolver)
  signedAt: Date;

  @Field(() => DateScalar, { nullable: true })
  periodStart: string | null;

  @Field(() => DateScalar, { nullable: true })
  periodEnd: string | null;

  @Field(() => ContractStatus)
  status: ContractStatus;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: 'An objection, challenge or complaint and its public result (异议/质疑/投诉).' })
export class Complaint {
  @Field(() => ID)
  id: number;

  complainantId: number | null;

  @Field(() => ComplaintKind)
  kind: ComplaintKind;

  @Field(() => String)
  subject: string;

  @Field(() => DateTimeISOResolver)
  receivedAt: Date;

  @Field(() => String, { nullable: true })
  handledBy: string | null;

  @Field(() => ComplaintResult)
  result: ComplaintResult;

  @Field(() => String, { nullable: true })
  resultDetail: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => Provenance)
  provenance: Provenance;
}
