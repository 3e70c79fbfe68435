import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar, DateScalar } from '../graphql/scalars';
import { Provenance } from '../graphql/provenance.type';
import { BlacklistType, CreditPolarity } from './credit.enums';

export { BlacklistType, CreditPolarity };

registerEnumType(BlacklistType, {
  name: 'BlacklistType',
  description: 'dishonest: 失信名单; serious_dishonest: 严重违法失信名单; market_ban: 市场禁入; government_procurement_ban: 政府采购禁入.',
});

registerEnumType(CreditPolarity, { name: 'CreditPolarity', description: 'positive: 守信激励; negative: 失信惩戒.' });

@ObjectType({ description: 'An administrative penalty decision (行政处罚).' })
export class Penalty {
  @Field(() => ID)
  id: number;

  /** The penalised entity (the `subject` field). */
  entityId?: number;

  @Field(() => String)
  decisionNumber: string;

  @Field(() => String)
  authority: string;

  @Field(() => DateScalar)
  decidedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Must be within 7 working days of the decision (seed 004 Art. 24).' })
  publishedOn: string | null;

  @Field(() => String)
  content: string;

  @Field(() => DecimalScalar, { nullable: true })
  amount: string | null;

  @Field(() => String, { description: 'ISO 4217 currency of the amounts (CNY unless the record said otherwise).' })
  currency: string;

  @Field(() => DateScalar, { nullable: true, description: 'The 7th working day after the decision (Chinese calendar, with 调休).' })
  publicationDeadline: string | null;

  @Field(() => Int, { nullable: true, description: 'Working days from decision to publication; null while unpublished.' })
  publicationWorkingDays: number | null;

  @Field(() => Int, { nullable: true, description: 'Working days published past the deadline (0 when on time); null while unpublished.' })
  publishedLateBy: number | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: 'A listing that restricts or bans an entity from trading (失信名单 / 市场禁入).' })
export class BlacklistEntry {
  @Field(() => ID)
  id: number;

  entityId?: number;

  @Field(() => BlacklistType)
  listType: BlacklistType;

  @Field(() => String)
  authority: string;

  @Field(() => String)
  basis: string;

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar, { nullable: true })
  endsOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Removed early by credit repair (信用修复).' })
  removedOn: string | null;

  @Field(() => String, { nullable: true })
  removalReason: string | null;

  @Field(() => Provenance)
  provenance: Provenance;
}

@ObjectType({ description: 'A positive or negative credit fact (信用记录).' })
export class CreditRecord {
  @Field(() => ID)
  id: number;

  /** Null when the record is about an expert. */
  entityId?: number | null;

  @Field(() => CreditPolarity)
  polarity: CreditPolarity;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  content: string | null;

  @Field(() => String)
  authority: string;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar, { nullable: true })
  validTo: string | null;

  @Field(() => Provenance)
  provenance: Provenance;
}
