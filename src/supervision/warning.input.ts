import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';
import { Indicator, Severity, WarningStatus } from './warning.type';

@InputType({ description: 'Narrows the warnings queue; all given conditions must hold, and none widens your remit.' })
export class WarningFilter {
  @Field(() => [Indicator], { nullable: true, description: 'Any of these indicators.' })
  indicators?: Indicator[] | null;

  @Field(() => [Severity], { nullable: true, description: 'Any of these severities.' })
  severities?: Severity[] | null;

  @Field(() => [WarningStatus], { nullable: true, description: 'Any of these statuses, e.g. [open, assigned] for what still needs a decision.' })
  statuses?: WarningStatus[] | null;

  @Field(() => String, { nullable: true, description: "The main project's region: this region and every region under it." })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true, description: "Any of these catalogue categories (the main project's)." })
  categoryCodes?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: 'Raised on or after this day (China Standard Time).' })
  raisedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Raised on or before this day (China Standard Time).' })
  raisedTo?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The period the trading happened in, as statistics count it: the main project's registration day on or after this day.",
  })
  occurredFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The main project's registration day on or before this day." })
  occurredTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'Warnings naming this entity.' })
  entityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Warnings whose evidence spans this project.' })
  projectId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only warnings past their deadline and not yet decided; false: only the others.' })
  overdue?: boolean | null;
}
