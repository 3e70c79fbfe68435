import { Field, InputType } from 'type-graphql';
import { EntityKind } from './entity.type';

@InputType({ description: 'Narrows a list of entities; all given conditions must hold.' })
export class EntityFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name (case-insensitive).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Registered in this region or any region under it.' })
  regionCode?: string | null;

  @Field(() => EntityKind, { nullable: true })
  kind?: EntityKind | null;
}
