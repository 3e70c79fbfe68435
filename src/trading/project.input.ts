import { Field, InputType } from 'type-graphql';
import { DateScalar } from '../graphql/scalars';

@InputType({ description: 'Narrows a list of projects; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => String, { nullable: true, description: 'This region and every region under it (a league includes its banners and zones).' })
  regionCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Any of these catalogue categories.' })
  categoryCodes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Platform code, e.g. P152900.' })
  platformCode?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Registered on or after this day (China Standard Time).' })
  registeredFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Registered on or before this day (China Standard Time).' })
  registeredTo?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the title, or an exact project or deal code.' })
  text?: string | null;
}
