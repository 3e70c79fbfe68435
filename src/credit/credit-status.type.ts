import { Field, ObjectType } from 'type-graphql';
import { BlacklistEntry, CreditRecord, Penalty } from './credit.type';

@ObjectType({ description: 'One code of a batch status check, in the order asked.' })
export class CreditStatus {
  @Field(() => String, { description: "The code as sent (a natural person's ID number masked)." })
  input: string;

  @Field(() => String, { nullable: true, description: 'Normalised (upper case, full-width characters and spaces removed); ID numbers masked.' })
  code: string | null;

  @Field(() => Boolean)
  valid: boolean;

  @Field(() => String, { nullable: true, description: 'Why the code is not valid, e.g. the check character expected.' })
  problem: string | null;

  @Field(() => Boolean, { description: 'The hub holds an entity with this code.' })
  known: boolean;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => Boolean, { description: 'On any list in force on asOf.' })
  blacklisted: boolean;

  @Field(() => Boolean, { description: 'Barred from trading on asOf: a market ban, a government procurement ban or the serious-dishonesty list.' })
  restricted: boolean;

  @Field(() => [BlacklistEntry], { description: 'Entries in force on asOf: started, not ended, not removed (信用修复).' })
  activeBlacklistEntries: BlacklistEntry[];

  @Field(() => [Penalty], { description: 'Penalties decided within CREDIT_PENALTY_LOOKBACK_DAYS up to asOf.' })
  penalties: Penalty[];

  @Field(() => [CreditRecord], { description: 'Credit records valid on asOf.' })
  creditRecords: CreditRecord[];
}
