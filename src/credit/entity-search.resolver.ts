import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';

@ObjectType({ description: 'An entity whose name is like the one asked, with the code to check it by.' })
export class EntityMatch {
  @Field(() => String, {
    nullable: true,
    description:
      "USCC of an organisation, a natural person's ID number masked, or another register's identifier in org-id form (GB-COH-01234567); null for a party known only by its name.",
  })
  code: string | null;

  @Field(() => String, { description: 'organisation or person' })
  kind: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  registeredRegionCode: string | null;

  @Field(() => Float, { description: '0-1; 1 is the same name up to full-width characters, spacing, punctuation and 有限公司/有限责任公司.' })
  score: number;
}

@Resolver()
export class EntitySearchResolver {
  // Nullable like every credit lookup: a refused aliased call (RATE_LIMITED) is one null
  // field, not a null response (see credit-status.resolver.ts).
  @Query(() => [EntityMatch], { nullable: true, description: 'Entities by similar name, best first (pg_trgm over a normalised name). Roles: credit, supervisor, admin.' })
  searchEntities(
    @Arg('name', () => String) name: string,
    @Arg('first', () => Int, { nullable: true, description: '1-50, default 10.' }) first: number | null,
    @Ctx() ctx: HubContext,
  ): Promise<EntityMatch[]> {
    return ctx.services.entitySearch.search(ctx.caller, name, first);
  }
}
