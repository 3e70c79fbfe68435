import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { TotalCountResolver } from '../graphql/pagination';
import { Region } from '../registry/registry.type';
import { EntityFilter } from './entity.input';
import { Entity, EntityConnection } from './entity.type';

@Resolver(() => Entity)
export class EntityResolver {
  @Query(() => Entity, { description: 'An entity by USCC (normalised and checked first). Roles: admin, platform, credit, supervisor.' })
  entity(@Arg('uscc', () => String) uscc: string, @Ctx() ctx: HubContext): Promise<Entity> {
    return ctx.services.entities.byUscc(ctx.caller, uscc);
  }

  @Query(() => EntityConnection, { description: 'Entities matching a filter, in id order. Roles: admin, platform, credit, supervisor.' })
  entities(
    @Arg('filter', () => EntityFilter, { nullable: true }) filter: EntityFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, maximum 100 unless configured).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.entities.list(ctx.caller, filter, first, after);
  }

  @FieldResolver(() => Region, { nullable: true })
  registeredRegion(@Root() entity: Entity, @Ctx() ctx: HubContext): Region | null {
    return (entity.registeredRegionCode ? (ctx.services.reference.registry.regions.get(entity.registeredRegionCode) ?? null) : null) as Region | null;
  }
}

export const EntityConnectionResolver = TotalCountResolver(EntityConnection);
