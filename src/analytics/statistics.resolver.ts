import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { DateTimeISOResolver } from 'graphql-scalars';
import type { HubContext } from '../graphql/context';
import { Category, Platform, Region } from '../registry/registry.type';
import { RankingOrder, RankingSubject } from './statistics.service';
import { EntityProfile, RankingEntry, StatisticsFilter, StatisticsInput, StatisticsResult, StatisticsRow } from './statistics.type';

@Resolver(() => StatisticsRow)
export class StatisticsResolver {
  @Query(() => StatisticsResult, {
    description: 'Macro statistics from the analytics store: measures by region, category, platform and period, with comparisons. Roles: policy, supervisor (within remit), admin.',
  })
  statistics(@Arg('input', () => StatisticsInput) input: StatisticsInput, @Ctx() ctx: HubContext): Promise<StatisticsResult> {
    return ctx.services.statistics.statistics(ctx.caller, input);
  }

  @Query(() => [RankingEntry], { description: 'Top initiators, winners or agencies within the filter. Roles: policy, supervisor (within remit), admin.' })
  rankings(
    @Arg('subject', () => RankingSubject) subject: RankingSubject,
    @Arg('orderBy', () => RankingOrder, { nullable: true }) orderBy: RankingOrder | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1-100 (default 10).' }) first: number | null,
    @Arg('filter', () => StatisticsFilter) filter: StatisticsFilter,
    @Ctx() ctx: HubContext,
  ): Promise<RankingEntry[]> {
    return ctx.services.statistics.rankings(ctx.caller, subject, orderBy ?? RankingOrder.AWARD_TOTAL, first ?? 10, filter);
  }

  // Nullable like every credit lookup: a refused aliased call is one null field, not a null response.
  @Query(() => EntityProfile, { nullable: true, description: "An organisation's bids, wins, penalties and blacklist history in aggregate. Roles: credit, supervisor, admin." })
  entityProfile(@Arg('uscc', () => String) uscc: string, @Ctx() ctx: HubContext): Promise<EntityProfile> {
    return ctx.services.statistics.entityProfile(ctx.caller, uscc);
  }

  @FieldResolver(() => Region, { nullable: true })
  regionInfo(@Root() row: StatisticsRow, @Ctx() ctx: HubContext): Region | null {
    return row.region ? ((ctx.services.reference.registry.regions.get(row.region) as Region | undefined) ?? null) : null;
  }

  @FieldResolver(() => Category, { nullable: true })
  categoryInfo(@Root() row: StatisticsRow, @Ctx() ctx: HubContext): Category | null {
    return row.category ? (ctx.services.reference.registry.category(row.category) ?? null) : null;
  }

  @FieldResolver(() => Platform, { nullable: true })
  platformInfo(@Root() row: StatisticsRow, @Ctx() ctx: HubContext): Platform | null {
    return row.platform ? ((ctx.services.reference.registry.platformByCode(row.platform) as Platform | undefined) ?? null) : null;
  }
}

@Resolver(() => StatisticsResult)
export class StatisticsResultResolver {
  // Asked for by the dashboards' "data as of" stamp; a field resolver, so only a query that names it costs the extra read.
  @FieldResolver(() => DateTimeISOResolver, {
    nullable: true,
    description: 'When the analytics store last received data from the system of record: the figures are as of then. Null before the first sync.',
  })
  dataAsOf(@Ctx() ctx: HubContext): Promise<Date | null> {
    return ctx.services.statistics.dataAsOf(ctx.caller);
  }
}
