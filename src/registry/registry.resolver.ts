import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { Category, Platform, Region } from './registry.type';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], {
    description: 'All regions of China (GB/T 2260), or with `within` one region and everything under it (`within: "150000"`: the hub\'s own); parents before children. Any role.',
  })
  regions(@Arg('within', () => String, { nullable: true }) within: string | null, @Ctx() ctx: HubContext): Region[] {
    return ctx.services.reference.regions(ctx.caller, within) as Region[];
  }

  @Query(() => Region, { description: 'One region by code, with its parent and children. Any role.' })
  region(@Arg('code', () => String) code: string, @Ctx() ctx: HubContext): Region {
    return ctx.services.reference.region(ctx.caller, code) as Region;
  }

  @FieldResolver(() => Region, { nullable: true })
  parent(@Root() region: Region, @Ctx() ctx: HubContext): Region | null {
    return (region.parentCode ? (ctx.services.reference.registry.regions.get(region.parentCode) ?? null) : null) as Region | null;
  }

  @FieldResolver(() => [Region])
  children(@Root() region: Region, @Ctx() ctx: HubContext): Region[] {
    return ctx.services.reference.registry.regions.children(region.code) as Region[];
  }
}

@Resolver(() => Platform)
export class PlatformResolver {
  @Query(() => [Category], { description: 'The nine trading catalogue categories. Any role.' })
  categories(@Ctx() ctx: HubContext): Category[] {
    return ctx.services.reference.categories(ctx.caller);
  }

  @Query(() => [Platform], { description: 'The platform catalogue. Any role.' })
  platforms(@Ctx() ctx: HubContext): Platform[] {
    return ctx.services.reference.platforms(ctx.caller) as Platform[];
  }

  @FieldResolver(() => Platform, { nullable: true })
  parent(@Root() platform: Platform, @Ctx() ctx: HubContext): Platform | null {
    return (platform.parentId ? (ctx.services.reference.registry.platformById(platform.parentId) ?? null) : null) as Platform | null;
  }

  @FieldResolver(() => Region)
  region(@Root() platform: Platform, @Ctx() ctx: HubContext): Region {
    return ctx.services.reference.registry.regions.get(platform.regionCode) as Region;
  }
}
